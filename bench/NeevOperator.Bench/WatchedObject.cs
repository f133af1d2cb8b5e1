namespace NeevOperator.Bench;

/// <summary>One object as a watch saw it over the run.</summary>
internal sealed class WatchedObject(string name)
{
    public string Name { get; } = name;

    /// <summary>MODIFIED events: one per write to the object (spec, metadata or status) by anyone.</summary>
    public int Modifications { get; set; }

    /// <summary>When the watch first delivered it with Ready=True.</summary>
    public DateTimeOffset? ReadyAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}
