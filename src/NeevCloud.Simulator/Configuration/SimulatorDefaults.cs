namespace NeevCloud.Simulator;

/// <summary>The documented defaults: a local run works without any setting.</summary>
public static class SimulatorDefaults
{
    /// <summary>The development bearer token accepted when none is configured (printed at start-up).</summary>
    public const string Token = "neevcloud-simulator-dev-token";

    public const string Email = "developer@neevcloud.local";

    public const string Password = "simulator";

    public const int MaxProjectsPerOrganization = 1000;

    public const int MaxVmsPerProject = 1000;

    public static readonly TimeSpan StepDuration = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DeletedVmRetention = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<string> Organizations { get; } = ["org-sim-demo", "org-sim-second"];

    public static IReadOnlyList<string> Regions { get; } = ["sim-region-1", "sim-region-2"];

    public static IReadOnlyList<string> VmConfigs { get; } = ["sim-h100-1x", "sim-a100-1x", "sim-l40s-1x", "sim-cpu-8x32"];

    public static IReadOnlyList<string> Plans { get; } = ["sim-plan-hourly", "sim-plan-monthly"];

    public static IReadOnlyList<string> Images { get; } = ["sim-ubuntu-24-04", "sim-ubuntu-22-04"];
}
