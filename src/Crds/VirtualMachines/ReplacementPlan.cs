using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>
/// What replacing the VM to match the spec would do, written while the replacement waits for approval. The same
/// plan is printed offline by <c>neev-operator plan -f &lt;dir&gt;</c> (or <c>kubectl neev plan</c>).
/// </summary>
public sealed class ReplacementPlan
{
    /// <summary>The metadata.generation the plan is for; approve it with neevcloud.com/approve-replacement set to this number.</summary>
    [JsonPropertyName("generation")]
    public long Generation { get; set; }

    /// <summary>The fields that change, from what the VM was created with to what the spec asks for.</summary>
    [JsonPropertyName("changes")]
    public IList<FieldChange> Changes { get; set; } = [];

    /// <summary>The disks that survive the replacement and how.</summary>
    [JsonPropertyName("disksKept")]
    public IList<string>? DisksKept { get; set; }

    /// <summary>The disks (and their data) the replacement would delete.</summary>
    [JsonPropertyName("disksLost")]
    public IList<string>? DisksLost { get; set; }

    /// <summary>What else the replacement means: downtime, a new public IP, new empty disks.</summary>
    [JsonPropertyName("consequences")]
    public IList<string> Consequences { get; set; } = [];

    /// <summary>Set when the plan cannot be approved as it stands, and why (e.g. it would lose data and spec.allowDataLoss is not true).</summary>
    [JsonPropertyName("refused")]
    public string? Refused { get; set; }
}

/// <summary>One changed field.</summary>
public sealed class FieldChange
{
    /// <summary>The spec field, e.g. vmConfigId.</summary>
    [JsonPropertyName("field")]
    public string Field { get; set; } = "";

    /// <summary>What the VM has now.</summary>
    [JsonPropertyName("from")]
    public string From { get; set; } = "";

    /// <summary>What the spec asks for.</summary>
    [JsonPropertyName("to")]
    public string To { get; set; } = "";
}

/// <summary>
/// A replacement under way or done: each step is recorded before it runs, so a restarted operator resumes it and
/// never repeats a create. Kept after it finished, as the record of what was replaced.
/// </summary>
public sealed class ReplacementProgress
{
    /// <summary>The approved generation.</summary>
    [JsonPropertyName("generation")]
    public long Generation { get; set; }

    /// <summary>The id of the VM being (or that was) replaced.</summary>
    [JsonPropertyName("fromVmId")]
    public string FromVmId { get; set; } = "";

    /// <summary>The root disk the new VM attaches, when the old one survives; unset when the new VM gets a new root disk.</summary>
    [JsonPropertyName("rootDiskId")]
    public string? RootDiskId { get; set; }

    /// <summary>The root disk of the old VM that stays behind, detached (recorded as a RootDisk), when the new VM cannot attach it.</summary>
    [JsonPropertyName("rootDiskLeftId")]
    public string? RootDiskLeftId { get; set; }

    /// <summary>The step in progress: Stop, Delete, Create, WaitReady; Done when finished.</summary>
    [JsonPropertyName("step")]
    public ReplacementStep Step { get; set; }

    /// <summary>The id of the new VM, once created.</summary>
    [JsonPropertyName("toVmId")]
    public string? ToVmId { get; set; }

    /// <summary>The steps taken, each with when it began (RFC 3339).</summary>
    [JsonPropertyName("steps")]
    public IList<ReplacementStepRecord> Steps { get; set; } = [];
}

/// <summary>A step of a replacement and when it began.</summary>
public sealed class ReplacementStepRecord
{
    /// <summary>The step.</summary>
    [JsonPropertyName("step")]
    public ReplacementStep Step { get; set; }

    /// <summary>When it began (RFC 3339, UTC).</summary>
    [JsonPropertyName("at")]
    public string At { get; set; } = "";
}

/// <summary>The steps of a replacement, in order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplacementStep>))]
public enum ReplacementStep
{
    /// <summary>Stop the old VM, so its disks are written out cleanly.</summary>
    Stop,

    /// <summary>Delete the old VM; its root disk and the disks attached by id are detached and kept.</summary>
    Delete,

    /// <summary>Create the new VM attaching the kept root disk (and the disks attached by id).</summary>
    Create,

    /// <summary>Wait until the new VM runs.</summary>
    WaitReady,

    /// <summary>Finished: the new VM runs.</summary>
    Done,
}
