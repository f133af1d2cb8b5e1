namespace NeevCloud.Crds.Attributes;

/// <summary>Sets <c>x-kubernetes-list-type</c> of a list field (how server-side apply merges it, and uniqueness).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(ListType listType) : Attribute
{
    public ListType ListType => listType;
}
