using Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using NeevCloud.Simulator;

namespace Integration.Tests.EndToEnd;

/// <summary>The simulator as hack/run-local.sh configures it (the fixtures examples/ adopts), with a fast lifecycle.</summary>
internal static class LocalRunSimulator
{
    public static SimulatorOptions Options()
    {
        var options = new ConfigurationBuilder()
            .AddJsonFile(RepositoryPaths.Combine("hack", "local", "simulator.json"))
            .Build()
            .GetSection(SimulatorOptions.SectionName)
            .Get<SimulatorOptions>()!;
        options.StepDuration = TimeSpan.FromMilliseconds(300);
        return options;
    }
}
