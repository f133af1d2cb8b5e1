using System.Collections.Frozen;
using System.Text.Json;

namespace NeevCloud.Operator.Cloud;

/// <summary>Wire names of an enum: its members in snake_case, the default member standing for "unknown".</summary>
internal static class OpenEnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> _byWireName = Enum.GetValues<TEnum>()
        .Where(value => !EqualityComparer<TEnum>.Default.Equals(value, default))
        .ToFrozenDictionary(ToWire, value => value, StringComparer.OrdinalIgnoreCase);

    public static TEnum Parse(string raw) => _byWireName.GetValueOrDefault(raw);

    public static string ToWire(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
