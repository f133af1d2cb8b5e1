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
        problems.AddRange(FixtureProblems(options.Fixtures, catalog));
        problems.AddRange(FaultRuleValidator.Validate(options.Faults).Select(p => "Simulator:Faults: " + p));

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid simulator settings: " + string.Join("; ", problems));
        }
    }

    private static IEnumerable<string> FixtureProblems(IList<SimulatorFixtureProject> fixtures, Catalog catalog)
    {
        for (var i = 0; i < fixtures.Count; i++)
        {
            var project = fixtures[i];
            var at = $"Simulator:Fixtures:{i}";
            if (string.IsNullOrWhiteSpace(project.Id) || string.IsNullOrWhiteSpace(project.Name))
            {
                yield return $"{at} needs an Id and a Name";
            }

            if (!catalog.HasOrganization(project.OrganizationId))
            {
                yield return $"{at}:OrganizationId '{project.OrganizationId}' is not in the catalog";
            }

            for (var d = 0; d < project.RootDisks.Count; d++)
            {
                var disk = project.RootDisks[d];
                var diskAt = $"{at}:RootDisks:{d}";
                if (disk.Id == Guid.Empty || string.IsNullOrWhiteSpace(disk.Name))
                {
                    yield return $"{diskAt} needs an Id (a UUID) and a Name";
                }

                if (disk.SizeGb is < 20 or > 2048)
                {
                    yield return $"{diskAt}:SizeGb must be 20-2048";
                }

                if (!catalog.HasImage(disk.ImageId) || !catalog.HasRegion(disk.Region) || !catalog.HasPlan(disk.PlanId))
                {
                    yield return $"{diskAt} names an ImageId, Region or PlanId that is not in the catalog";
                }
            }
        }

        if (fixtures.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != fixtures.Count)
        {
            yield return "Simulator:Fixtures lists a project id twice";
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
