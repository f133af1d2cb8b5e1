using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// A string enum from the wire that never fails to parse. The cloud adds states over time; a value this
/// build does not know must not crash a reconciler, so it becomes <see cref="Value"/> = the enum's default
/// (its <c>Unknown</c> member) while <see cref="Raw"/> keeps the cloud's own word for status and messages.
/// </summary>
[JsonConverter(typeof(OpenEnumJsonConverterFactory))]
public readonly record struct OpenEnum<TEnum> where TEnum : struct, Enum
{
    private readonly string? _raw;

    public OpenEnum(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        _raw = raw;
        Value = OpenEnumNames<TEnum>.Parse(raw);
    }

    public OpenEnum(TEnum value)
    {
        Value = value;
        _raw = OpenEnumNames<TEnum>.ToWire(value);
    }

    /// <summary>The known member, or the default (<c>Unknown</c>) member when the cloud sent something new.</summary>
    public TEnum Value { get; }

    /// <summary>Exactly what the cloud sent (empty when it sent nothing).</summary>
    public string Raw => _raw ?? string.Empty;

    public bool IsKnown => !EqualityComparer<TEnum>.Default.Equals(Value, default);

    public static implicit operator OpenEnum<TEnum>(TEnum value) => new(value);

    public override string ToString() => Raw;
}
