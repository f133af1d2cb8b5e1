using System.Globalization;
using k8s.Models;

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// The cloud identity of an object, kept in its metadata rather than only in status: a restore from backup
/// keeps metadata and drops status, and a status write cannot be guarded by a precondition the way these
/// annotations are (each is written with the resourceVersion the writer read, so of two writers only one
/// records an intent). crossplane-runtime keeps external-name and external-create-pending for the same reasons.
/// </summary>
public static class ManagedAnnotations
{
    /// <summary>The id of the cloud resource this object manages, recorded right after the create or the adoption.</summary>
    public const string ExternalId = "neevcloud.com/external-id";

    /// <summary>
    /// When a create was decided (UTC, RFC 3339), written before the create is sent and removed once its outcome
    /// is known. While it is there and no id is recorded, the create may have happened: the object is looked up
    /// before anything is created again.
    /// </summary>
    public const string CreatePending = "neevcloud.com/external-create-pending";

    /// <summary>Set to "true" by a user: no cloud call for this object until it is removed.</summary>
    public const string Paused = "neevcloud.com/paused";

    /// <summary>Set to "true" by a user on a Terminating object: its cloud deletion goes ahead while the deletion breaker holds others.</summary>
    public const string ConfirmDeletion = "neevcloud.com/confirm-deletion";

    public static string? ExternalIdOf(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(ExternalId, out var id) == true && !string.IsNullOrWhiteSpace(id) ? id : null;

    public static DateTimeOffset? CreatePendingOf(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(CreatePending, out var value) == true ? ParseTime(value) : null;

    /// <summary>An RFC 3339 time as the operator writes and reads them (UTC unless it says otherwise); null if it is none.</summary>
    public static DateTimeOffset? ParseTime(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    public static bool IsPaused(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(Paused, out var value) == true && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsDeletionConfirmed(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(ConfirmDeletion, out var value) == true && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The operator's own bookkeeping: a change of only these does not call for another pass (the pass that wrote them goes on).</summary>
    public static bool IsBookkeeping(string key) => key is ExternalId or CreatePending;
}
