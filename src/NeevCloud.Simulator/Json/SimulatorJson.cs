using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Simulator.Json;

/// <summary>
/// The one serializer setting of the simulator: snake_case names, absent rather than null for optional values
/// (properties the API declares nullable opt back in with <c>JsonIgnore(Condition = Never)</c>), numbers only as
/// JSON numbers, and timestamps in UTC.
/// </summary>
internal static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
