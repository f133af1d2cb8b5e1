using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Cloud;

internal sealed class OpenEnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OpenEnum<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(OpenEnumJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
