using System.Text.Json;
using k8s;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// How the caches read the objects they keep: KubernetesClient's own JSON options, plus one pool of short strings
/// shared by every cache of the process (10,000 VM objects read from list pages took 37 MB without it, 24 MB with it).
/// </summary>
internal static class CacheJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // KubernetesClient does not expose its options but hands them to AddJsonOptions; a copy leaves them as they
        // are (they may already be in use, and then could not be changed anyway).
        JsonSerializerOptions? kubernetes = null;
        KubernetesJson.AddJsonOptions(options => kubernetes = options);
        var options = new JsonSerializerOptions(kubernetes ?? throw new InvalidOperationException("KubernetesClient gave no JSON options"));
        // 16,384 values: every namespace, project, config, reason and key a large fleet repeats, about 1.5 MB at most.
        options.Converters.Insert(0, new StringPoolConverter(capacity: 16_384));
        return options;
    }
}
