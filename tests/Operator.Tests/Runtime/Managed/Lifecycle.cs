using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Deletion;
using NeevCloud.Operator.Runtime.Managed;

namespace Operator.Tests.Runtime.Managed;

/// <summary>
/// One object going through <see cref="ManagedReconciler{TEntity}"/> pass after pass, as the controller runner
/// would hand it over (the status a pass wrote is there in the next), with a fake clock, an in-memory cloud
/// and the operator's real failure table.
/// </summary>
internal sealed class Lifecycle
{
    public static readonly ManagedOptions Options = new()
    {
        CreateGracePeriod = TimeSpan.FromMinutes(5),
        LookupInterval = TimeSpan.FromSeconds(10),
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public static readonly RefreshOptions Refresh = new()
    {
        Stable = TimeSpan.FromMinutes(5),
        Blocked = TimeSpan.FromSeconds(10),
    };

    public Lifecycle(Project? project = null, DeletionBreakerOptions? breaker = null)
    {
        _breakerOptions = breaker ?? new DeletionBreakerOptions { MaxDeletes = 10, Window = TimeSpan.FromMinutes(5) };
        Cloud = new FakeCloudResources(Time);
        Fence = WriteFence.AlwaysOpen(Time);
        Reconciler = NewReconciler();
        Object = project ?? New();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    public FakeCloudResources Cloud { get; }

    public InMemoryMetadataWriter<Project> Writer { get; } = new();

    public RecordingEvents Events { get; } = new();

    /// <summary>The other Projects in the cluster.</summary>
    public Neighbours<Project> Others { get; } = new();

    public WriteFence Fence { get; set; }

    public Definitions Definitions { get; } = new();

    /// <summary>Where the lifecycle's own metrics go (the stalled-resource gauge); one per replica.</summary>
    public Prometheus.CollectorRegistry MetricsRegistry { get; private set; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>The deletion breaker (its memory is the replica's: a restart starts it afresh).</summary>
    public DeletionBreaker Breaker { get; private set; } = null!;

    private readonly DeletionBreakerOptions _breakerOptions;

    public ManagedReconciler<Project> Reconciler { get; private set; }

    public Project Object { get; set; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Project New(Action<Project>? change = null)
    {
        var project = new Project
        {
            Metadata = new V1ObjectMeta { Name = "team", NamespaceProperty = "ml", Uid = "uid-1", Generation = 1, ResourceVersion = "1" },
            Spec = new ProjectSpec(),
            Status = new NeevCloud.Crds.Projects.ProjectStatus(),
        };
        change?.Invoke(project);
        return project;
    }

    /// <summary>A new replica (or a restart): nothing remembered in memory, only what the object says.</summary>
    public void Restart(WriteFence? fence = null)
    {
        Fence = fence ?? Fence;
        Reconciler = NewReconciler();
    }

    public Task<ReconcileResult> PassAsync() => Reconciler.ReconcileAsync(Object, Ct);

    public Task<FinalizeResult> FinalizeAsync()
    {
        Object.Metadata.DeletionTimestamp ??= Time.GetUtcNow().UtcDateTime;
        return Reconciler.FinalizeAsync(Object, Ct);
    }

    public V1Condition? Condition(string type) => Conditions.Find(Object.Status.Conditions, type);

    /// <summary>Ready's reason, and which of Reconciling/Stalled is True.</summary>
    public (string? Ready, string? Reason, bool Reconciling, bool Stalled) Verdict()
    {
        var ready = Condition(ConditionTypes.Ready);
        return (ready?.Status, ready?.Reason, Condition(ConditionTypes.Reconciling)?.Status == "True", Condition(ConditionTypes.Stalled)?.Status == "True");
    }

    public string? ExternalIdAnnotation => ManagedAnnotations.ExternalIdOf(Object.Metadata);

    public DateTimeOffset? IntentAnnotation => ManagedAnnotations.CreatePendingOf(Object.Metadata);

    public static NeevCloudApiException CloudError(CloudErrorKind kind, string operation = "createProject", HttpStatusCode? status = null, TimeSpan? retryAfter = null) =>
        new(operation, kind, status ?? StatusOf(kind), "code", "the server says no", retryAfter);

    private static HttpStatusCode StatusOf(CloudErrorKind kind) => kind switch
    {
        CloudErrorKind.Validation => HttpStatusCode.BadRequest,
        CloudErrorKind.Unauthorized => HttpStatusCode.Unauthorized,
        CloudErrorKind.Forbidden => HttpStatusCode.Forbidden,
        CloudErrorKind.NotFound => HttpStatusCode.NotFound,
        CloudErrorKind.Conflict => HttpStatusCode.Conflict,
        CloudErrorKind.RateLimited => HttpStatusCode.TooManyRequests,
        _ => HttpStatusCode.ServiceUnavailable,
    };

    private ManagedReconciler<Project> NewReconciler() => new(
        Cloud,
        Writer,
        Others,
        new CloudFailureTable(Microsoft.Extensions.Options.Options.Create(Refresh)),
        Events,
        Fence,
        Definitions,
        Breaker = new DeletionBreaker(
            Microsoft.Extensions.Options.Options.Create(_breakerOptions), Time, Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())),
        new StalledResources(Prometheus.Metrics.WithCustomRegistry(MetricsRegistry)),
        Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(Refresh),
        Time,
        NullLogger<ManagedReconciler<Project>>.Instance);
}
