using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;
using k8s;
using NeevCloud.Simulator;
using Soak.Tests.OutOfProcess;

namespace Soak.Tests;

/// <summary>
/// The operator under everything that goes wrong at once, out of process as it runs in production:
/// NeevCloud answering errors, 429s, slowly, losing the answers of creates and committing creates late,
/// after the client gave up; two replicas with leader election, one of them SIGKILLed or SIGTERMed (a
/// handover) every 10 to 30 s; the Kubernetes API server restarted once. Every resource must still
/// converge, nothing may be created twice, deleting everything must leave nothing behind in the cloud
/// or the cluster, no object may be reconciled in a hot loop, and the token must never be logged.
/// </summary>
public sealed class SoakTests
{
    private const string Namespace = "soak";
    private static readonly TimeSpan PassWindow = TimeSpan.FromSeconds(10);

    // Hot-loop bound per key and window: refresh polls every 1 s while a VM moves, plus a pass for each
    // change the shared LIST sees, a crash's re-queue and a few quick failure retries (200 ms, 400 ms, ...).
    // A hot loop, which never waits, would make hundreds.
    private const int MaxPassesPerWindow = 30;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Faults_crashes_and_an_api_server_restart_leave_every_resource_converged_and_nothing_behind()
    {
        var settings = SoakSettings.FromEnvironment();
        var report = new SoakReport(settings, Command(settings)) { PassWindow = PassWindow };
        var logs = Directory.CreateTempSubdirectory("neev-soak-");
        report.LogFolder = logs.FullName;
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var tokenFile = Path.Combine(logs.FullName, "token");
        await File.WriteAllTextAsync(tokenFile, token, _ct);
        if (!OperatingSystem.IsWindows())
        {
            // As a mounted Secret: readable by the operator's user only.
            File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var clock = Stopwatch.StartNew();
        var passed = false;
        try
        {
            await RunAsync(settings, report, logs.FullName, token, tokenFile, clock);
            passed = true;
        }
        finally
        {
            report.Total = clock.Elapsed;
            report.Outcome = passed ? "passed" : "FAILED";
            var markdown = report.ToMarkdown();
            TestContext.Current.SendDiagnosticMessage(markdown);
            // Outside the tracked tree: NEEV_SOAK_REPORT names the file (e.g. to commit a long run's figures by hand).
            var reportPath = Environment.GetEnvironmentVariable("NEEV_SOAK_REPORT") is { Length: > 0 } asked
                ? asked
                : Path.Combine(Path.GetTempPath(), $"neev-soak-{DateTime.UtcNow:yyyy-MM-dd-HHmmss}.md");
            await File.WriteAllTextAsync(reportPath, markdown, CancellationToken.None);
            TestContext.Current.SendDiagnosticMessage($"soak report written to {reportPath}");
            if (passed && Environment.GetEnvironmentVariable("NEEV_SOAK_KEEP_LOGS") != "1")
            {
                logs.Delete(recursive: true);
            }
        }
    }

    private async Task RunAsync(SoakSettings settings, SoakReport report, string logs, string token, string tokenFile, Stopwatch clock)
    {
        var dice = new Random(settings.Seed);
        await using var controlPlane = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.InstanceFor("soak"), _ct);
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.KubeconfigPath));
        var cluster = new SoakCluster(kubernetes, controlPlane.KubeconfigPath, Namespace);
        await cluster.InstallCrdsAsync(_ct);

        var simulatorLog = Path.Combine(logs, "simulator.log");
        await using var cloud = await SimulatorProcess.StartAsync(
            token,
            simulatorLog,
            [
                $"--Simulator:StepDuration={settings.StepDuration:c}",
                // Request lines in the log, so the token check covers what the simulator sees of each call.
                "--Logging:LogLevel:Microsoft.AspNetCore=Information",
            ],
            _ct);
        await cloud.Admin.SetFaultsAsync(SoakFaults.For(settings.Seed), _ct);

        await using var crashing = new DisruptedReplicas(
            incarnation => OperatorProcess.Start(
                controlPlane.KubeconfigPath,
                cloud,
                tokenFile,
                Path.Combine(logs, $"operator-{incarnation}.log"),
                [
                    "--log-format=json",
                    "--leader-elect=true",
                    $"--Operator:LeaderElection:Namespace={Namespace}",
                    // A grace period that covers the simulator's slowest late commit (below), not production's 5 min.
                    "--Operator:Lifecycle:CreateGracePeriod=00:00:20",
                    "--Operator:Lifecycle:LookupInterval=00:00:02",
                    // The soak deletes its whole fleet on purpose at the end; the breaker has its own tests.
                    "--Operator:DeletionBreaker:MaxDeletes=0",
                    // The client gives up on a call after 5 s, so the 8 s late commits happen after it did.
                    "--NeevCloud:Timeouts:Attempt=00:00:05",
                    "--NeevCloud:Timeouts:Total=00:00:15",
                    "--Serilog:MinimumLevel:Override:controller.project=Debug",
                    "--Serilog:MinimumLevel:Override:controller.virtualmachine=Debug",
                    "--Serilog:MinimumLevel:Override:controller.rootdisk=Debug",
                    // Every cloud call's debug line too: the token must not be in those either.
                    "--Serilog:MinimumLevel:Override:NeevCloud.Operator.Cloud=Debug",
                ]),
            replicas: 2,
            new Random(dice.Next()),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(30));
        crashing.StartDisrupting();

        var fleet = SoakFleet.For(settings);
        var applied = clock.Elapsed;
        await cluster.ApplyAsync(fleet.Manifest(), _ct);

        // While the operator is busy creating: connections drop, watches break, writes fail.
        await Task.Delay(TimeSpan.FromSeconds(5 + (10 * dice.NextDouble())), _ct);
        await controlPlane.RestartApiServerAsync(_ct);
        report.ApiServerRestarts++;

        await Eventually.AssertAsync(() => cluster.AssertAllReadyAsync(fleet, _ct), settings.ConvergeTimeout, _ct);
        report.Converged = clock.Elapsed - applied;
        await CheckCloudMatchesAsync(cluster, cloud, report);
        report.TokenInObjects = Occurrences(await cluster.EverythingVisibleAsync(_ct), token);

        // The long run by hand: users keep changing power states while the crashes go on.
        while (clock.Elapsed < settings.ChaosAtLeast)
        {
            var some = fleet.Vms.OrderBy(_ => dice.Next()).Take(Math.Max(1, fleet.Vms.Count / 10)).Select(vm => vm.Name);
            await cluster.FlipPowerAsync(some, _ct);
            await Eventually.AssertAsync(() => cluster.AssertAllReadyAsync(fleet, _ct), settings.ConvergeTimeout, _ct);
            report.PowerFlipRounds++;
        }

        var deleting = clock.Elapsed;
        await Eventually.AssertAsync(() => cluster.DeleteEverythingAsync(_ct), settings.ConvergeTimeout, _ct);
        report.Deleted = clock.Elapsed - deleting;
        report.LeftInCluster = await cluster.CountAllAsync(_ct);
        await crashing.StopDisruptingAsync();
        report.OperatorKills = crashing.Kills;
        report.OperatorTerms = crashing.Terms;
        report.OperatorUptimes = crashing.Uptimes;

        // Nothing is waited for here: once the last Project is gone, its cloud project must be gone too.
        var left = await cloud.Admin.GetStateAsync(_ct);
        report.LeftInCloud = $"{left.Projects.Count} projects, {left.Vms.Count} VMs, {left.Volumes.Count} disks";
        report.Faults = await FiredFaultsAsync(cloud);
        report.Calls = [.. (await cloud.Admin.GetCallsAsync(_ct)).Calls.GroupBy(c => c.Operation)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Status} × {c.Count}"))}")];

        // Both stopped, so their logs are complete before they are read.
        await crashing.DisposeAsync();
        await cloud.DisposeAsync();
        report.Passes = ReconcilePasses.Read(crashing.LogPaths);
        var logFiles = Directory.GetFiles(logs, "*.log");
        var logText = logFiles.Select(File.ReadAllText).ToList();
        report.LogFiles = logFiles.Length;
        report.LogBytes = logFiles.Sum(f => new FileInfo(f).Length);
        report.TokenInLogs = logText.Sum(text => Occurrences(text, token));

        Assert.Empty(report.DuplicateVms);
        Assert.Empty(report.DuplicateProjects);
        Assert.Empty(report.StrayVms);
        Assert.Empty(report.StrayProjects);
        Assert.Equal(0, report.LeftInCluster);
        Assert.True((left.Projects.Count, left.Vms.Count, left.Volumes.Count) == (0, 0, 0), $"left in the simulator: {report.LeftInCloud}");
        Assert.True(report.OperatorKills >= 1, "no replica was ever killed: the soak proved nothing about crashes");
        Assert.True(report.OperatorTerms >= 1, "no replica was ever stopped gracefully: the soak proved nothing about handovers");
        var (dense, denseCount) = report.Passes.MostWithin(PassWindow);
        Assert.True(denseCount <= MaxPassesPerWindow, $"{dense} was reconciled {denseCount} times within {PassWindow.TotalSeconds} s: a hot loop");
        Assert.Equal(0, report.TokenInObjects);
        Assert.True(report.TokenInLogs == 0, $"the token appears {report.TokenInLogs} times in the logs in {logs}: "
            + string.Join(", ", logFiles.Where((_, i) => logText[i].Contains(token, StringComparison.Ordinal)).Select(Path.GetFileName)));
    }

    /// <summary>At convergence: one cloud VM per VirtualMachine and one cloud project per Project, nothing extra.</summary>
    private async Task CheckCloudMatchesAsync(SoakCluster cluster, SimulatorProcess cloud, SoakReport report)
    {
        var state = await cloud.Admin.GetStateAsync(_ct);
        var (projectIds, vmIds) = await cluster.ClaimedCloudIdsAsync(_ct);
        report.DuplicateVms = [.. state.Vms.GroupBy(vm => (vm.ProjectId, vm.Name)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Name} ×{g.Count()}")];
        report.DuplicateProjects = [.. state.Projects.GroupBy(p => (p.OrgId, Name: p.Name.ToLowerInvariant())).Where(g => g.Count() > 1).Select(g => $"{g.Key.Name} ×{g.Count()}")];
        report.StrayVms = [.. state.Vms.Where(vm => !vmIds.Contains(vm.Id)).Select(vm => $"{vm.Name} ({vm.Id}, {vm.Status})")];
        report.StrayProjects = [.. state.Projects.Where(p => !projectIds.Contains(p.Id)).Select(p => $"{p.Name} ({p.Id})")];
    }

    /// <summary>The rules in force and how often each fired; the admin client has no typed call for it.</summary>
    private async Task<IReadOnlyList<string>> FiredFaultsAsync(SimulatorProcess cloud)
    {
        using var http = new HttpClient { BaseAddress = cloud.BaseAddress };
        var faults = await http.GetFromJsonAsync<JsonObject>("_sim/faults", _ct);
        return [.. faults!["rules"]!.AsArray().Select(rule => $"{SoakFaults.Describe(
            rule!["operation"]!.GetValue<string>(),
            rule["lost_response"]!.GetValue<bool>(),
            rule["status"]?.GetValue<int>(),
            rule["latency_ms"]!.GetValue<int>(),
            rule["commit_after_ms"]?.GetValue<int>() ?? 0,
            rule["probability"]!.GetValue<double>())}: fired {rule["fired"]!.GetValue<int>()}")];
    }

    private static int Occurrences(string text, string token)
    {
        var count = 0;
        for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + token.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Command(SoakSettings settings) =>
        Environment.GetEnvironmentVariable("NEEV_SOAK_VMS") is null && Environment.GetEnvironmentVariable("NEEV_SOAK_MINUTES") is null
            ? "hack/test.sh (the CI soak: dotnet test tests/Soak)"
            : string.Create(CultureInfo.InvariantCulture, $"NEEV_SOAK_VMS={settings.Vms} NEEV_SOAK_PROJECTS={settings.Projects} NEEV_SOAK_MINUTES={settings.ChaosAtLeast.TotalMinutes} NEEV_SOAK_SEED={settings.Seed} dotnet test tests/Soak -c Release");
}
