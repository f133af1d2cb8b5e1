using System.Text.Json.Serialization;

namespace NeevCloud.Crds;

/// <summary>What deleting the Kubernetes resource does to the cloud resource.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeletionPolicy>))]
public enum DeletionPolicy
{
    /// <summary>Delete the cloud resource too.</summary>
    Delete,

    /// <summary>Leave the cloud resource as it is and only forget it.</summary>
    Orphan,
}
