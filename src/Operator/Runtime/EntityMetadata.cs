using System.Reflection;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Where a custom resource type lives in the API, read from its [KubernetesEntity].</summary>
public sealed record EntityMetadata(string Group, string Version, string Kind, string Plural)
{
    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>The name of the kind's CustomResourceDefinition, e.g. virtualmachines.neevcloud.com.</summary>
    public string DefinitionName => $"{Plural}.{Group}";

    public static EntityMetadata For<TEntity>() => For(typeof(TEntity));

    public static EntityMetadata For(Type entityType)
    {
        var attribute = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{entityType} has no [KubernetesEntity]");
        return new EntityMetadata(attribute.Group, attribute.ApiVersion, attribute.Kind, attribute.PluralName);
    }
}
