using System.Globalization;

namespace Soak.Tests;

/// <summary>
/// How big and how long a soak is: the short CI run by default, a long one by hand through
/// NEEV_SOAK_VMS, NEEV_SOAK_PROJECTS, NEEV_SOAK_MINUTES and NEEV_SOAK_SEED (tests/Soak/README.md).
/// </summary>
internal sealed record SoakSettings(int Vms, int Projects, TimeSpan ChaosAtLeast, int Seed, TimeSpan StepDuration)
{
    public static SoakSettings FromEnvironment() => new(
        Number("NEEV_SOAK_VMS", 40),
        Number("NEEV_SOAK_PROJECTS", 10),
        TimeSpan.FromMinutes(Number("NEEV_SOAK_MINUTES", 0)),
        // Fixed unless asked otherwise, so a red CI run replays as it was; NEEV_SOAK_SEED=random by hand for a new one.
        Environment.GetEnvironmentVariable("NEEV_SOAK_SEED") == "random" ? Random.Shared.Next(1, 1_000_000) : Number("NEEV_SOAK_SEED", FixedSeed),
        TimeSpan.FromSeconds(1));

    public const int FixedSeed = 20261202;

    /// <summary>How long convergence (and deletion) may take: generous for 40 VMs on 2 busy cores, growing with the fleet.</summary>
    public TimeSpan ConvergeTimeout => TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(Vms);

    private static int Number(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : fallback;
}
