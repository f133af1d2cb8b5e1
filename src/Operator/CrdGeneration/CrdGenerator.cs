using System.Reflection;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Operator.CrdGeneration;

/// <summary>
/// Turns every [KubernetesEntity] class of NeevCloud.Crds into its CustomResourceDefinition. The
/// output depends only on the types (names and lists are sorted), so a fresh generation can be
/// compared byte for byte with the checked-in manifests.
/// </summary>
internal static class CrdGenerator
{
    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll()
    {
        var schemas = new SchemaGenerator(new XmlDocumentation());
        return [.. EntityTypes(typeof(ConditionedStatus).Assembly).Select(type => Generate(type, schemas))];
    }

    public static IEnumerable<Type> EntityTypes(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.GetCustomAttribute<KubernetesEntityAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    public static V1CustomResourceDefinition Generate(Type entityType, SchemaGenerator schemas)
    {
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entityType} lacks [KubernetesEntity]", nameof(entityType));
        var shortNames = entityType.GetCustomAttribute<KubernetesEntityShortNamesAttribute>()?.ShortNames;
        var categories = entityType.GetCustomAttribute<KubernetesEntityCategoriesAttribute>()?.Categories;
        var columns = entityType.GetCustomAttributes<GenericAdditionalPrinterColumnAttribute>().Select(ToColumn).ToList();
        return new V1CustomResourceDefinition
        {
            ApiVersion = $"{V1CustomResourceDefinition.KubeGroup}/{V1CustomResourceDefinition.KubeApiVersion}",
            Kind = V1CustomResourceDefinition.KubeKind,
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = shortNames is null ? null : [.. shortNames],
                    Categories = categories is null ? null : [.. categories],
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schemas.ForEntity(entityType) },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        AdditionalPrinterColumns = columns.Count > 0 ? columns : null,
                    },
                ],
            },
        };
    }

    private static V1CustomResourceColumnDefinition ToColumn(GenericAdditionalPrinterColumnAttribute column) => new()
    {
        JsonPath = column.JsonPath,
        Name = column.Name,
        Type = column.Type,
        Description = column.Description,
        Format = column.Format,
        Priority = column.Priority == PrinterColumnPriority.StandardView ? null : (int)column.Priority,
    };
}
