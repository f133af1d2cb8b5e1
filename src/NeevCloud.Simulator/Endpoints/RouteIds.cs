namespace NeevCloud.Simulator.Endpoints;

/// <summary>Path ids of the VM Service, which are UUIDs.</summary>
internal static class RouteIds
{
    public static Guid? ParseUuid(string value) => Guid.TryParseExact(value, "D", out var id) ? id : null;
}
