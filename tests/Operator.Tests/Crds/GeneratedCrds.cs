using k8s.Models;
using NeevCloud.Operator.CrdGeneration;

namespace NeevCloud.Operator.Tests.Crds;

/// <summary>The CRDs as generated from the types, and a way to reach a field's schema by its path.</summary>
internal static class GeneratedCrds
{
    public static IReadOnlyList<V1CustomResourceDefinition> All { get; } = CrdGenerator.GenerateAll();

    public static V1CustomResourceDefinition ByKind(string kind) => All.Single(crd => crd.Spec.Names.Kind == kind);

    public static V1JSONSchemaProps Root(string kind) => ByKind(kind).Spec.Versions.Single().Schema.OpenAPIV3Schema;

    /// <summary>The schema at a path like <c>spec.dataDisks.create[].sizeGb</c> ("[]" steps into list items).</summary>
    public static V1JSONSchemaProps Field(string kind, string path)
    {
        var schema = Root(kind);
        foreach (var segment in path.Split('.'))
        {
            var name = segment.TrimEnd('[', ']');
            if (schema.Properties?.TryGetValue(name, out var property) != true)
            {
                throw new KeyNotFoundException($"{kind} has no field {path} (stuck at {segment})");
            }

            schema = property!;
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                schema = (V1JSONSchemaProps)schema.Items;
            }
        }

        return schema;
    }

    /// <summary>Every field below the root except metadata (whose schema the API server owns), with its path.</summary>
    public static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Fields(V1JSONSchemaProps schema, string path = "")
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            if (path.Length == 0 && name == "metadata")
            {
                continue;
            }

            var propertyPath = path.Length == 0 ? name : $"{path}.{name}";
            yield return (propertyPath, property);
            var nested = property.Items is V1JSONSchemaProps items ? items : property;
            foreach (var field in Fields(nested, property.Items is null ? propertyPath : propertyPath + "[]"))
            {
                yield return field;
            }
        }
    }
}
