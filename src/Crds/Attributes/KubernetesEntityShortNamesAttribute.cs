namespace NeevCloud.Crds.Attributes;

/// <summary>Short names of the resource for kubectl (<c>kubectl get nvm</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KubernetesEntityShortNamesAttribute(params string[] shortNames) : Attribute
{
    public IReadOnlyList<string> ShortNames => shortNames;
}
