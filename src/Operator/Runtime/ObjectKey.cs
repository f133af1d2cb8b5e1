using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>The work-queue key of an object: "namespace/name".</summary>
public static class ObjectKey
{
    public static string Of(IKubernetesObject<V1ObjectMeta> entity) => Of(entity.Metadata.NamespaceProperty, entity.Metadata.Name);

    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
