using System.Text.Json.Serialization;

namespace NeevCloud.Crds;

/// <summary>How far the operator may act on the cloud resource.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ManagementPolicy>))]
public enum ManagementPolicy
{
    /// <summary>Create, correct and delete it as the spec says.</summary>
    Manage,

    /// <summary>
    /// Only look: GET and LIST calls, status as usual, nothing created, changed or deleted; deleting the resource
    /// only forgets the cloud resource. Needs the cloud id in the spec. Switching to Manage takes control of the
    /// same cloud resource without recreating it.
    /// </summary>
    ObserveOnly,
}
