using Microsoft.Extensions.Time.Testing;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>
/// An in-process simulator on a fake clock (steps of <see cref="Step"/>) with a token-bearing, contract-checking
/// client. Time moves only when a test calls <see cref="Advance"/> (or advances <see cref="Time"/>).
/// </summary>
internal sealed class TestSimulator : IAsyncDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private TestSimulator(SimulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Api = new ApiClient(host, host.Token);
        Anonymous = new ApiClient(host, token: null);
    }

    public SimulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Sends the accepted bearer token.</summary>
    public ApiClient Api { get; }

    /// <summary>Sends no token.</summary>
    public ApiClient Anonymous { get; }

    public SimulatorAdminClient Admin => Host.Admin;

    public static async Task<TestSimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { StepDuration = Step, DeletedVmRetention = Retention };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        return new TestSimulator(await SimulatorHost.StartAsync(options, time, Test.Ct), time);
    }

    /// <summary>Moves the simulated clock by whole steps.</summary>
    public void Advance(int steps = 1) => Time.Advance(Step * steps);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
    }
}
