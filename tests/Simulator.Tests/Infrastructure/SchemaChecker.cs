using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema (as OpenAPI.NET reads it): type and nullable, enum, format
/// (uuid, date-time), string length and pattern, number range, required and — strictly — undeclared properties,
/// array items, size and uniqueness, allOf, oneOf and anyOf. Returns the problems, each with its JSON path.
/// </summary>
internal static partial class SchemaChecker
{
    public static IReadOnlyList<string> Check(IOpenApiSchema schema, JsonNode? node)
    {
        var problems = new List<string>();
        Check(schema, node, "$", problems);
        return problems;
    }

    private static void Check(IOpenApiSchema schema, JsonNode? node, string path, List<string> problems)
    {
        foreach (var part in schema.AllOf ?? [])
        {
            Check(part, node, path, problems);
        }

        if (schema.OneOf is { Count: > 0 } oneOf)
        {
            var passing = oneOf.Count(s => Check(s, node).Count == 0);
            if (passing != 1)
            {
                problems.Add($"{path}: matches {passing} of the oneOf alternatives, not exactly one");
            }
        }

        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(s => Check(s, node).Count == 0))
        {
            problems.Add($"{path}: matches none of the anyOf alternatives");
        }

        if (node is null)
        {
            if (schema.Type is { } type && !type.HasFlag(JsonSchemaType.Null))
            {
                problems.Add($"{path}: is null but the schema is not nullable");
            }

            return;
        }

        if (!HasType(schema.Type, node))
        {
            problems.Add($"{path}: {Describe(node)} is not of type {schema.Type}");
            return;
        }

        if (schema.Enum is { Count: > 0 } values && !values.Any(v => v?.ToJsonString() == node.ToJsonString()))
        {
            problems.Add($"{path}: {node.ToJsonString()} is not one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}");
        }

        switch (node)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, problems);
                break;
            case JsonArray array:
                CheckArray(schema, array, path, problems);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(schema, value.GetValue<string>(), path, problems);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                CheckNumber(schema, value.GetValue<decimal>(), path, problems);
                break;
        }
    }

    private static bool HasType(JsonSchemaType? type, JsonNode node)
    {
        if (type is not { } expected)
        {
            return true;
        }

        return node switch
        {
            JsonObject => expected.HasFlag(JsonSchemaType.Object),
            JsonArray => expected.HasFlag(JsonSchemaType.Array),
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => expected.HasFlag(JsonSchemaType.String),
                JsonValueKind.True or JsonValueKind.False => expected.HasFlag(JsonSchemaType.Boolean),
                JsonValueKind.Number => expected.HasFlag(JsonSchemaType.Number)
                    || (expected.HasFlag(JsonSchemaType.Integer) && decimal.IsInteger(value.GetValue<decimal>())),
                _ => false,
            },
            _ => false,
        };
    }

    private static void CheckObject(IOpenApiSchema schema, JsonObject obj, string path, List<string> problems)
    {
        foreach (var required in schema.Required ?? new HashSet<string>())
        {
            if (!obj.ContainsKey(required))
            {
                problems.Add($"{path}: misses required property '{required}'");
            }
        }

        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, value) in obj)
        {
            if (properties.TryGetValue(name, out var property))
            {
                Check(property, value, $"{path}.{name}", problems);
            }
            else if (schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 })
            {
                problems.Add($"{path}: has property '{name}' that the schema does not declare");
            }
        }
    }

    private static void CheckArray(IOpenApiSchema schema, JsonArray array, string path, List<string> problems)
    {
        if (schema.MinItems is int min && array.Count < min)
        {
            problems.Add($"{path}: has {array.Count} items, fewer than {min}");
        }

        if (schema.MaxItems is int max && array.Count > max)
        {
            problems.Add($"{path}: has {array.Count} items, more than {max}");
        }

        if (schema.UniqueItems == true && array.Select(i => i?.ToJsonString()).Distinct().Count() != array.Count)
        {
            problems.Add($"{path}: repeats an item");
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (schema.Items is { } items)
            {
                Check(items, array[i], $"{path}[{i}]", problems);
            }
        }
    }

    private static void CheckString(IOpenApiSchema schema, string text, string path, List<string> problems)
    {
        if (schema.MinLength is int min && text.Length < min)
        {
            problems.Add($"{path}: is shorter than {min}");
        }

        if (schema.MaxLength is int max && text.Length > max)
        {
            problems.Add($"{path}: is longer than {max}");
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
        {
            problems.Add($"{path}: '{text}' does not match {pattern}");
        }

        var formatOk = schema.Format switch
        {
            "uuid" => Guid.TryParseExact(text, "D", out _),
            "date-time" => Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!formatOk)
        {
            problems.Add($"{path}: '{text}' is not a valid {schema.Format}");
        }
    }

    private static void CheckNumber(IOpenApiSchema schema, decimal number, string path, List<string> problems)
    {
        if (schema.Minimum is { } min && number < decimal.Parse(min, CultureInfo.InvariantCulture))
        {
            problems.Add($"{path}: {number} is below {min}");
        }

        if (schema.Maximum is { } max && number > decimal.Parse(max, CultureInfo.InvariantCulture))
        {
            problems.Add($"{path}: {number} is above {max}");
        }
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
