namespace NeevCloud.Crds.Attributes;

/// <summary>Categories the resource belongs to (<c>kubectl get neevcloud</c> lists every resource of the category).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KubernetesEntityCategoriesAttribute(params string[] categories) : Attribute
{
    public IReadOnlyList<string> Categories => categories;
}
