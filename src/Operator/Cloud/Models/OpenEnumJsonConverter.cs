using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Cloud;

internal sealed class OpenEnumJsonConverter<TEnum> : JsonConverter<OpenEnum<TEnum>> where TEnum : struct, Enum
{
    public override bool HandleNull => true;

    public override OpenEnum<TEnum> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new OpenEnum<TEnum>(reader.GetString()!),
            JsonTokenType.Null => default,
            _ => throw new JsonException($"Expected a string for {typeof(TEnum).Name}, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, OpenEnum<TEnum> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Raw);
}
