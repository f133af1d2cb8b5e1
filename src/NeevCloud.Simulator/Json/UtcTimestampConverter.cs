using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Simulator.Json;

/// <summary>Writes timestamps as RFC 3339 in UTC with a Z (2026-11-23T08:44:21.123Z); reads any ISO 8601 offset.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A timestamp must be a string."), CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
