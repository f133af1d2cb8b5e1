namespace NeevCloud.Crds.Attributes;

/// <summary>Bounds the number of items of a list field; -1 leaves a bound unset.</summary>
/// <remarks>A maxItems also bounds the estimated cost of CEL rules over the list.</remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute(long minItems = -1, long maxItems = -1) : Attribute
{
    public long? MinItems => minItems < 0 ? null : minItems;

    public long? MaxItems => maxItems < 0 ? null : maxItems;
}
