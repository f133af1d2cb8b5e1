using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A page of a list, read as the cache keeps its objects. KubernetesClient reads a response with its own JSON options;
/// this type's converter reads the page with <see cref="CacheJson.Options"/> (the pooled strings) straight from the
/// response. Asking the client for a JsonElement instead would put a parsed copy of every page in between: a page of
/// 500 VMs is megabytes, so each copy went to the large object heap (RSS after a restart with 10,000 VMs: 234 MB with
/// the copies, 196 MB without).
/// </summary>
/// <param name="page">The page as read.</param>
[JsonConverter(typeof(CachedEntityListConverterFactory))]
internal sealed class CachedEntityList<TEntity>(EntityList<TEntity> page)
{
    public EntityList<TEntity> Page { get; } = page;
}

internal sealed class CachedEntityListConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(CachedEntityList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<TEntity> : JsonConverter<CachedEntityList<TEntity>>
    {
        public override CachedEntityList<TEntity> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<EntityList<TEntity>>(ref reader, CacheJson.Options) ?? throw new JsonException("a list page that is null"));

        public override void Write(Utf8JsonWriter writer, CachedEntityList<TEntity> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Page, CacheJson.Options);
    }
}
