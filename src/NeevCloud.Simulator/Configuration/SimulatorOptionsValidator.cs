using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Faults;

namespace NeevCloud.Simulator.Configuration;

/// <summary>Refuses settings the simulator cannot run with, naming each bad setting, before anything listens.</summary>
internal static class SimulatorOptionsValidator
{
    public static void ThrowIfInvalid(SimulatorOptions options)
    {
        var problems = new List<string>();
        if (options.StepDuration <= TimeSpan.Zero)
        {
            problems.Add("Simulator:StepDuration must be positive");
        }

        if (options.DeletedVmRetention < TimeSpan.Zero)
        {
            problems.Add("Simulator:DeletedVmRetention must not be negative");
        }

        if (options.MaxProjectsPerOrganization < 1)
        {
            problems.Add("Simulator:MaxProjectsPerOrganization must be at least 1");
        }

        if (options.MaxVmsPerProject < 1)
        {
            problems.Add("Simulator:MaxVmsPerProject must be at least 1");
        }

        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrEmpty(options.Password))
        {
            problems.Add("Simulator:Email and Simulator:Password must be set");
        }

        var catalog = Catalog.From(options.Catalog);
        CheckList(problems, "Organizations", catalog.Organizations);
        CheckList(problems, "Regions", catalog.Regions);
        CheckList(problems, "VmConfigs", catalog.VmConfigs);
        CheckList(problems, "Plans", catalog.Plans);
        CheckList(problems, "Images", catalog.Images);
        problems.AddRange(FaultRuleValidator.Validate(options.Faults).Select(p => "Simulator:Faults: " + p));

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid simulator settings: " + string.Join("; ", problems));
        }
    }

    private static void CheckList(List<string> problems, string name, IReadOnlyList<string> values)
    {
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"Simulator:Catalog:{name} lists an empty id");
        }
        else if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            problems.Add($"Simulator:Catalog:{name} lists an id twice");
        }
    }
}
