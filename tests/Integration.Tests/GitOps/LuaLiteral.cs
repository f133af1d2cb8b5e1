using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Tests.GitOps;

/// <summary>
/// JSON as a Lua table constructor: the shape Argo CD hands a health script as `obj` (objects
/// become tables with string keys, arrays become sequences, null fields are absent).
/// </summary>
internal static class LuaLiteral
{
    public static string From(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject obj => "{" + string.Join(", ", obj.Where(p => p.Value is not null).Select(p => $"[{String(p.Key)}] = {From(p.Value)}")) + "}",
        JsonArray array => "{" + string.Join(", ", array.Where(item => item is not null).Select(From)) + "}",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => String(value.GetValue<string>()),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "nil",
        },
        _ => throw new ArgumentException($"unexpected JSON node {node.GetType().Name}", nameof(node)),
    };

    /// <summary>A Lua 5.1 string literal; every byte outside printable ASCII as a three-digit escape.</summary>
    public static string String(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                literal.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or >= 0x7f)
            {
                literal.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
            else
            {
                literal.Append((char)b);
            }
        }

        return literal.Append('"').ToString();
    }
}
