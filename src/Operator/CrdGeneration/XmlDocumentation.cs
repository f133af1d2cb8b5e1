using System.Reflection;
using System.Xml.Linq;

namespace NeevCloud.Operator.CrdGeneration;

/// <summary>
/// The XML doc comments of the assemblies that declare the CRD types (the file the compiler writes
/// next to each), so the schema descriptions are the same text a developer reads on the C# types.
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly Func<Assembly, Dictionary<string, string>> _load;
    private readonly Dictionary<Assembly, Dictionary<string, string>> _summaries = [];

    public XmlDocumentation()
        : this(LoadFile)
    {
    }

    private XmlDocumentation(Func<Assembly, Dictionary<string, string>> load) => _load = load;

    /// <summary>Documentation from one document, whichever assembly a member comes from.</summary>
    public static XmlDocumentation Parse(XDocument document)
    {
        var summaries = Summaries(document);
        return new XmlDocumentation(_ => summaries);
    }

    /// <summary>The summary of a type or property, as one line of plain text; null when it has none.</summary>
    public string? Summary(MemberInfo member)
    {
        var (assembly, id) = member switch
        {
            Type type => (type.Assembly, "T:" + TypeId(type)),
            PropertyInfo property => (property.DeclaringType!.Assembly, $"P:{TypeId(property.DeclaringType)}.{property.Name}"),
            _ => throw new NotSupportedException($"no documentation id for {member.MemberType} {member.Name}"),
        };
        if (!_summaries.TryGetValue(assembly, out var summaries))
        {
            summaries = _load(assembly);
            _summaries.Add(assembly, summaries);
        }

        return summaries.TryGetValue(id, out var summary) && summary.Length > 0 ? summary : null;
    }

    private static Dictionary<string, string> LoadFile(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The XML documentation of {assembly.GetName().Name} was not found at '{path}'; the CRD descriptions " +
                "come from it (GenerateDocumentationFile must stay on and the file must be copied next to the assembly).");
        }

        return Summaries(XDocument.Load(path));
    }

    private static Dictionary<string, string> Summaries(XDocument document)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in document.Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                summaries[name] = Flatten(summary);
            }
        }

        return summaries;
    }

    // Doc ids name generic types by their definition (CustomKubernetesEntity`2) and nested types with dots.
    private static string TypeId(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return definition.FullName!.Replace('+', '.');
    }

    private static string Flatten(XElement element)
    {
        var text = string.Concat(element.Nodes().Select(Render));
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Render(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see =>
            see.Attribute("langword")?.Value
            ?? (see.Value.Length > 0 ? see.Value : ShortName(see.Attribute("cref")?.Value ?? see.Attribute("href")?.Value ?? "")),
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
        XElement { Name.LocalName: "para" or "br" } paragraph => " " + Flatten(paragraph) + " ",
        XElement other => Flatten(other),
        _ => "",
    };

    // "P:NeevCloud.Crds.VirtualMachines.VirtualMachineSpec.RootDisk" -> "RootDisk"
    private static string ShortName(string cref)
    {
        var withoutArguments = cref.Split('(')[0];
        return withoutArguments[(withoutArguments.LastIndexOf('.') + 1)..];
    }
}
