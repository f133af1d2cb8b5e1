namespace NeevCloud.Crds.Attributes;

/// <summary>
/// A column of <c>kubectl get</c>, declared on the entity class. Columns appear in declaration order.
/// Declaring any column hides kubectl's default Age column, so declare it too.
/// </summary>
/// <param name="jsonPath">A JSONPath into the object, e.g. <c>.status.phase</c>.</param>
/// <param name="name">The column header.</param>
/// <param name="type">integer, number, string, boolean or date.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GenericAdditionalPrinterColumnAttribute(string jsonPath, string name, string type) : Attribute
{
    public string JsonPath => jsonPath;

    public string Name => name;

    public string Type => type;

    public string? Description { get; init; }

    public string? Format { get; init; }

    public PrinterColumnPriority Priority { get; init; }
}
