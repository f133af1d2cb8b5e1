namespace NeevCloud.Operator.Runtime;

/// <summary>A guarded write found the object changed since it was read (409), or gone (404); the pass starts over from the newer copy.</summary>
public sealed class StaleObjectException(string key, Exception? inner = null)
    : Exception($"{key} changed since it was read; the write was not made", inner)
{
    public string Key { get; } = key;
}
