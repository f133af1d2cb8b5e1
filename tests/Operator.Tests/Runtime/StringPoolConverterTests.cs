using System.Text.Json;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime;

public sealed class StringPoolConverterTests
{
    private sealed record Item(string? Namespace, string? Message, Dictionary<string, string>? Annotations);

    [Fact]
    public void Equal_short_values_and_keys_are_one_instance_across_objects()
    {
        var options = OptionsWith(new StringPoolConverter(capacity: 100));

        var a = Read("""{"Namespace":"ml","Annotations":{"neevcloud.com/create-intent":"x"}}""", options);
        var b = Read("""{"Namespace":"ml","Annotations":{"neevcloud.com/create-intent":"y"}}""", options);

        Assert.Same(a.Namespace, b.Namespace);
        Assert.Same(a.Annotations!.Keys.Single(), b.Annotations!.Keys.Single());
        Assert.Equal(("x", "y"), (a.Annotations["neevcloud.com/create-intent"], b.Annotations["neevcloud.com/create-intent"]));
    }

    public static TheoryData<string, string?> Values => new()
    {
        { "\"\"", "" },
        { "null", null },
        { "\"a\\\"b\\u00e9\"", "a\"b\u00e9" },
        { "\"\u0939\u093f\u0902\u0926\u0940\"", "\u0939\u093f\u0902\u0926\u0940" },
        { $"\"{new string('x', StringPoolConverter.MaxLength)}\"", new string('x', StringPoolConverter.MaxLength) },
        { $"\"{new string('x', StringPoolConverter.MaxLength + 1)}\"", new string('x', StringPoolConverter.MaxLength + 1) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_reads_as_the_built_in_converter_reads_it(string json, string? expected)
    {
        var options = OptionsWith(new StringPoolConverter(capacity: 100));

        Assert.Equal(expected, Read($$"""{"Namespace":{{json}}}""", options).Namespace);
        Assert.Equal(expected, Read($$"""{"Namespace":{{json}}}""", options).Namespace);
        Assert.Equal(JsonSerializer.Deserialize<Item>($$"""{"Namespace":{{json}}}""")!.Namespace, Read($$"""{"Namespace":{{json}}}""", options).Namespace);
    }

    [Fact]
    public void Long_values_are_not_pooled_and_a_full_pool_still_answers_what_it_holds()
    {
        var pool = new StringPoolConverter(capacity: 2);
        var options = OptionsWith(pool);
        var message = new string('m', StringPoolConverter.MaxLength + 1);

        var first = Read($$"""{"Namespace":"ml","Message":"{{message}}"}""", options);
        var second = Read($$"""{"Namespace":"ml","Message":"{{message}}"}""", options);
        Assert.NotSame(first.Message, second.Message);
        Assert.Equal(1, pool.Count);

        foreach (var ns in new[] { "a", "b", "c", "d" })
        {
            Read($$"""{"Namespace":"{{ns}}"}""", options);
        }

        Assert.Equal(2, pool.Count);
        Assert.Same(first.Namespace, Read("""{"Namespace":"ml"}""", options).Namespace);
        Assert.Equal("d", Read("""{"Namespace":"d"}""", options).Namespace);
    }

    [Fact]
    public void A_number_where_a_string_belongs_fails_as_without_the_pool() =>
        Assert.Throws<JsonException>(() => Read("""{"Namespace":12}""", OptionsWith(new StringPoolConverter(capacity: 10))));

    [Fact]
    public void The_caches_read_Kubernetes_objects_with_it_and_write_them_unchanged()
    {
        const string json = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ml","labels":{"app":"web"}},"data":{"k":"v"}}""";
        var first = k8s.KubernetesJson.Deserialize<k8s.Models.V1ConfigMap>(JsonDocument.Parse(json).RootElement, CacheJson.Options);
        var second = k8s.KubernetesJson.Deserialize<k8s.Models.V1ConfigMap>(JsonDocument.Parse(json).RootElement, CacheJson.Options);

        Assert.Same(first.Metadata.NamespaceProperty, second.Metadata.NamespaceProperty);
        Assert.Same(first.Metadata.Labels.Keys.Single(), second.Metadata.Labels.Keys.Single());
        Assert.Equal(k8s.KubernetesJson.Serialize(k8s.KubernetesJson.Deserialize<k8s.Models.V1ConfigMap>(json)), k8s.KubernetesJson.Serialize(first));
    }

    [Fact]
    public void A_list_page_the_client_reads_comes_with_the_pooled_strings()
    {
        const string item = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"NAME","namespace":"ml","resourceVersion":"7"}}""";
        var json = $$"""{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":"9","continue":"next"},"items":[{{item.Replace("NAME", "a", StringComparison.Ordinal)}},{{item.Replace("NAME", "b", StringComparison.Ordinal)}}]}""";

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var page = k8s.KubernetesJson.Deserialize<CachedEntityList<k8s.Models.V1ConfigMap>>(stream).Page;

        Assert.Equal(["a", "b"], page.Items.Select(i => i.Metadata.Name));
        Assert.Equal(("9", "next"), (page.Metadata.ResourceVersion, page.Metadata.ContinueProperty));
        Assert.Same(page.Items[0].Metadata.NamespaceProperty, page.Items[1].Metadata.NamespaceProperty);
    }

    private static JsonSerializerOptions OptionsWith(StringPoolConverter pool) => new() { Converters = { pool } };

    private static Item Read(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Item>(new ReadOnlySpan<byte>(System.Text.Encoding.UTF8.GetBytes(json)), options)!;
}
