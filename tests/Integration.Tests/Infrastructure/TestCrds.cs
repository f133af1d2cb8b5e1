using k8s.Models;

namespace Integration.Tests.Infrastructure;

/// <summary>Small namespaced CRDs with a status subresource, for tests of the harness and the runtime.</summary>
public static class TestCrds
{
    public static V1CustomResourceDefinition Namespaced(
        string group, string version, string kind, string plural, V1JSONSchemaProps spec, V1JSONSchemaProps status) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{plural}.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = plural, Singular = kind.ToLowerInvariant(), Kind = kind },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps> { ["spec"] = spec, ["status"] = status },
                        },
                    },
                },
            ],
        },
    };

    /// <summary>An object schema that keeps whatever fields it is given.</summary>
    public static V1JSONSchemaProps AnyObject => new() { Type = "object", XKubernetesPreserveUnknownFields = true };
}
