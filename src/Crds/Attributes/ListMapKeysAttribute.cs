namespace NeevCloud.Crds.Attributes;

/// <summary>
/// The JSON names of the item fields that identify an item of a <see cref="ListType.Map"/> list.
/// Each key must be required or have a default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys => keys;
}
