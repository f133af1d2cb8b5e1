using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>
/// The project's API description (docs/api, copied to the test output), read with OpenAPI.NET. Each operation is
/// matched to simulator paths by its server's path (/tenant, /vm) plus its path template.
/// </summary>
internal sealed partial class ContractDocuments
{
    public const string TenantFile = "tenant-api.openapi.json";
    public const string VmFile = "vm-service-api.openapi.json";

    private static readonly Lazy<ContractDocuments> _instance = new(Load);

    private ContractDocuments(IReadOnlyDictionary<string, (OpenApiDocument Document, IReadOnlyList<string> Errors)> documents)
    {
        Documents = documents;
        Operations = [.. documents.Values.SelectMany(d => OperationsOf(d.Document))];
    }

    public static ContractDocuments Instance => _instance.Value;

    public IReadOnlyDictionary<string, (OpenApiDocument Document, IReadOnlyList<string> Errors)> Documents { get; }

    public IReadOnlyList<ContractOperation> Operations { get; }

    public ContractOperation? Find(HttpMethod method, string absolutePath) =>
        Operations.FirstOrDefault(o => o.Method == method && o.PathPattern.IsMatch(absolutePath));

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "api", file);

    private static ContractDocuments Load()
    {
        var documents = new Dictionary<string, (OpenApiDocument, IReadOnlyList<string>)>();
        foreach (var file in new[] { TenantFile, VmFile })
        {
            using var stream = new MemoryStream(File.ReadAllBytes(PathOf(file)));
            var result = OpenApiDocument.Load(stream, "json");
            var errors = result.Diagnostic?.Errors.Select(e => e.ToString()).ToList() ?? [];
            documents[file] = (result.Document ?? throw new InvalidOperationException($"{file} could not be read: {string.Join("; ", errors)}"), errors);
        }

        return new ContractDocuments(documents);
    }

    private static IEnumerable<ContractOperation> OperationsOf(OpenApiDocument document)
    {
        var service = new Uri(document.Servers![0].Url!).AbsolutePath.TrimEnd('/');
        foreach (var (template, item) in document.Paths)
        {
            var pattern = new Regex("^" + Regex.Escape(service) + TemplateParameter().Replace(Regex.Escape(template), "[^/]+") + "$", RegexOptions.CultureInvariant);
            foreach (var (method, operation) in item.Operations ?? [])
            {
                yield return new ContractOperation(service, template, method, operation, pattern);
            }
        }
    }

    [GeneratedRegex(@"\\\{[a-z_]+}")]
    private static partial Regex TemplateParameter();
}
