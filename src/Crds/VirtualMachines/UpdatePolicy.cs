using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>What a change of a field the VM API cannot update does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdatePolicy>))]
public enum UpdatePolicy
{
    /// <summary>The API server refuses the change: the fields are immutable.</summary>
    Refuse,

    /// <summary>
    /// The change is accepted; the operator writes status.plan (what changes, what it costs) and, once the plan's
    /// generation is approved with the annotation neevcloud.com/approve-replacement, replaces the VM keeping its
    /// root disk.
    /// </summary>
    ReplaceOnApproval,
}
