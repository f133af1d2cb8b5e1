using System.Globalization;
using k8s;
using NeevCloud.Simulator;
using Soak.Tests.OutOfProcess;

namespace NeevOperator.Bench;

/// <summary>
/// One repetition of one case, every process out of process: a fresh simulator, then the operator (LIST per
/// project) through creation, a steady-state window and a few VMs added to the settled fleet; the naive baseline
/// operator (GET per VM) over the same objects; a restart of the operator with everything present; deletion of
/// everything.
/// </summary>
internal sealed class BenchRun(BenchOptions options, BenchCase fleet, int run, IKubernetes kubernetes, string logFolder)
{
    private readonly CpuMeter _cpu = CpuMeter.For(options.ControlPlaneState);

    /// <summary>After the last VM turned Ready: one full stable refresh round, so transitions' fast polls are over.</summary>
    private TimeSpan Settle => options.Stable + TimeSpan.FromSeconds(10);

    public RunResult Result { get; } = new() { Run = run, Vms = fleet.Vms, LogFolder = logFolder };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var tokenFile = Path.Combine(logFolder, "token");
        await File.WriteAllTextAsync(tokenFile, token, cancellationToken);
        await using var cloud = await SimulatorProcess.StartAsync(
            token, Path.Combine(logFolder, "simulator.log"), [$"--Simulator:StepDuration={options.Step:c}"], cancellationToken);
        var catalog = await cloud.Admin.GetCatalogAsync(cancellationToken);
        var audit = options.AuditLog is { } path ? new AuditLog(path) : null;
        await using var vms = await ObjectWatch.StartAsync(kubernetes, Fleet.Namespace, "virtualmachines", cancellationToken);
        await using var projects = await ObjectWatch.StartAsync(kubernetes, Fleet.Namespace, "projects", cancellationToken);
        if (vms.Existing + projects.Existing > 0)
        {
            throw new InvalidOperationException($"namespace {Fleet.Namespace} is not empty; start from a fresh control plane (bench/run.sh does)");
        }

        var listing = StartOperator(cloud, tokenFile, "operator-list.log", naive: false);
        await listing.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), cancellationToken);
        Result.HeapIdleMb = await HeapAfterLastGcMbAsync(listing, cancellationToken);
        await ScaleAsync(cloud, catalog, audit, vms, projects, listing, cancellationToken);

        Log($"all Ready; settling {Settle.TotalSeconds:0} s, then counting calls for {options.Window.TotalSeconds:0} s (LIST per project)");
        await Task.Delay(Settle, cancellationToken);
        var steady = await MeasureWindowAsync(cloud, audit, vms, listing, cancellationToken);
        (Result.SteadyCallsPerMinute, Result.SteadyTotalPerMinute, Result.SteadyWritesPerMinute, Result.SteadyCpuPerMinute) = steady;
        Track(listing);
        Result.HeapSteadyMb = await HeapAfterLastGcMbAsync(listing, cancellationToken);
        Result.HeapPerVmKb = Result is { HeapSteadyMb: { } withFleet, HeapIdleMb: { } idle } ? Math.Round((withFleet - idle) * 1024 / fleet.Vms, 2) : null;
        if (options.Added > 0)
        {
            await AddToSettledFleetAsync(cloud, catalog, vms, cancellationToken);
        }

        await StopAsync(listing);

        if (options.Baseline)
        {
            var naive = StartOperator(cloud, tokenFile, "operator-naive.log", naive: true);
            Result.BaselineStartupSeconds = await StartupAsync(naive, cancellationToken);
            Log($"baseline (GET per VM) started in {Result.BaselineStartupSeconds:0.00} s; settling {Settle.TotalSeconds:0} s, then counting for {options.Window.TotalSeconds:0} s");
            await Task.Delay(Settle, cancellationToken);
            var baseline = await MeasureWindowAsync(cloud, audit, vms, naive, cancellationToken);
            (Result.BaselineCallsPerMinute, Result.BaselineTotalPerMinute, Result.BaselineCpuPerMinute) = (baseline.PerOperation, baseline.Total, baseline.CpuPerMinute);
            Result.BaselineRatio = Result.SteadyTotalPerMinute > 0 ? Math.Round(baseline.Total / Result.SteadyTotalPerMinute, 1) : null;
            Result.BaselinePeakRssMb = Megabytes(naive.Process.ReadStats()?.PeakRssBytes ?? 0);
            await naive.DisposeAsync();
        }

        var restarted = StartOperator(cloud, tokenFile, "operator-restart.log", naive: false);
        Result.StartupSeconds = await StartupAsync(restarted, cancellationToken);
        Result.RssAfterStartupMb = Megabytes(restarted.Process.ReadStats()?.RssBytes ?? 0);
        Log($"restarted with {fleet.Vms} VMs present: caches synced in {Result.StartupSeconds:0.00} s; deleting everything");
        await DeletionAsync(cloud, vms, projects, restarted, cancellationToken);
        await StopAsync(restarted);
        Log($"done: {fleet.Vms} VMs Ready in {Result.AllReadySeconds:0} s (p95 {Result.ReadyAfterRunning?.P95:0.0} s after running), deleted in {Result.DeletionSeconds:0} s, peak RSS {Result.PeakRssMb:0} MB");
    }

    private async Task ScaleAsync(
        SimulatorProcess cloud, SimulatorCatalog catalog, AuditLog? audit, ObjectWatch vms, ObjectWatch projects, OperatorProcess listing, CancellationToken cancellationToken)
    {
        var callsBefore = await cloud.Admin.GetCallsAsync(cancellationToken);
        audit?.SkipToEnd();
        var cpuBefore = _cpu.Read(listing, cloud);
        var started = DateTimeOffset.UtcNow;
        Log($"creating {fleet.Projects} Projects and {fleet.Vms} VirtualMachines");
        await Fleet.CreateAsync(kubernetes, fleet, catalog, cancellationToken);
        Result.CreateSeconds = Seconds(DateTimeOffset.UtcNow - started);
        Log($"created in {Result.CreateSeconds:0.0} s; waiting until all are Ready");
        await Poll.UntilAsync(
            () => vms.Ready == fleet.Vms && projects.Ready == fleet.Projects,
            TimeSpan.FromMilliseconds(200),
            options.Timeout,
            $"all {fleet.Vms} VMs Ready (now {vms.Ready}) and {fleet.Projects} Projects (now {projects.Ready})",
            cancellationToken);
        Result.AllReadySeconds = Seconds(vms.Objects.Max(o => o.ReadyAt!.Value) - started);
        Result.CreationCpu = CpuMeter.Between(cpuBefore, _cpu.Read(listing, cloud));

        var state = await cloud.Admin.GetStateAsync(cancellationToken);
        Result.ReadyAfterRunning = ReadyAfterRunning(state, vms.Objects);
        await WriteTimelineAsync(started, state, vms, cancellationToken);
        Result.CreationCalls = CallCounts.Between(callsBefore, await cloud.Admin.GetCallsAsync(cancellationToken));
        Result.CreationCallsPerVm = Math.Round(Result.CreationCalls.Values.Sum() / (double)fleet.Vms, 2);
        if (audit is not null)
        {
            Result.CreationRequests = audit.ReadNew();
            Result.CreationWritesPerVm = Math.Round(
                Result.CreationRequests.Where(r => AuditLog.IsWrite(r.Key) && r.Key.Split(' ')[1].StartsWith("virtualmachines", StringComparison.Ordinal)).Sum(r => r.Value)
                / (double)fleet.Vms, 2);
        }

        Result.ModifiedPerVm = Distribution.Of(vms.Objects.Select(o => (double)o.Modifications));
        Result.ReconcilesPerVm = Math.Round(SumOf(await listing.MetricsAsync(cancellationToken), "controller_runtime_reconcile_total{controller=\"virtualmachine\"") / fleet.Vms, 2);
        Track(listing);
    }

    /// <summary>A few VMs added to the settled fleet: Ready latency as a user adding one sees it, without the initial flood.</summary>
    private async Task AddToSettledFleetAsync(SimulatorProcess cloud, SimulatorCatalog catalog, ObjectWatch vms, CancellationToken cancellationToken)
    {
        Log($"adding {options.Added} VMs to the settled fleet");
        var added = await Fleet.AddAsync(kubernetes, fleet, options.Added, catalog, cancellationToken);
        await Poll.UntilAsync(
            () => added.All(name => vms.Find(name)?.ReadyAt is not null),
            TimeSpan.FromMilliseconds(200),
            TimeSpan.FromMinutes(5),
            $"the {added.Count} added VMs Ready",
            cancellationToken);
        var state = await cloud.Admin.GetStateAsync(cancellationToken);
        Result.AddedReadyAfterRunning = ReadyAfterRunning(state, added.Select(name => vms.Find(name)!));
        await Fleet.RemoveAsync(kubernetes, added, cancellationToken);
        await Poll.UntilAsync(
            () => added.All(name => vms.Find(name)?.DeletedAt is not null),
            TimeSpan.FromMilliseconds(200),
            TimeSpan.FromMinutes(5),
            $"the {added.Count} added VMs deleted again",
            cancellationToken);
    }

    private async Task<(Dictionary<string, double> PerOperation, double Total, double? WritesPerMinute, Dictionary<string, double> CpuPerMinute)> MeasureWindowAsync(
        SimulatorProcess cloud, AuditLog? audit, ObjectWatch vms, OperatorProcess measured, CancellationToken cancellationToken)
    {
        var callsBefore = await cloud.Admin.GetCallsAsync(cancellationToken);
        audit?.ReadNew();
        var modifiedBefore = vms.Modifications;
        var cpuBefore = _cpu.Read(measured, cloud);
        await Task.Delay(options.Window, cancellationToken);
        var calls = CallCounts.Between(callsBefore, await cloud.Admin.GetCallsAsync(cancellationToken));
        var cpu = CpuMeter.Between(cpuBefore, _cpu.Read(measured, cloud));
        double? writes = audit is null
            ? vms.Modifications - modifiedBefore
            : audit.ReadNew().Where(r => AuditLog.IsWrite(r.Key)).Sum(r => r.Value);
        var minutes = options.Window.TotalMinutes;
        return (
            CallCounts.PerMinute(calls, options.Window),
            Math.Round(calls.Values.Sum() / minutes, 1),
            writes / minutes,
            cpu.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / minutes, 2), StringComparer.Ordinal));
    }

    private async Task DeletionAsync(SimulatorProcess cloud, ObjectWatch vms, ObjectWatch projects, OperatorProcess restarted, CancellationToken cancellationToken)
    {
        var callsBefore = await cloud.Admin.GetCallsAsync(cancellationToken);
        var cpuBefore = _cpu.Read(restarted, cloud);
        var started = DateTimeOffset.UtcNow;
        await Fleet.DeleteAllAsync(
            kubernetes,
            projects.Objects.Where(o => o.DeletedAt is null).Select(o => o.Name),
            vms.Objects.Where(o => o.DeletedAt is null).Select(o => o.Name),
            cancellationToken);
        await Poll.UntilAsync(
            () => vms.Existing == 0 && projects.Existing == 0,
            TimeSpan.FromMilliseconds(200),
            options.Timeout,
            $"every finalizer gone ({vms.Existing} VMs, {projects.Existing} Projects left)",
            cancellationToken);
        await Poll.UntilAsync(
            async () => await cloud.Admin.GetStateAsync(cancellationToken) is { Vms.Count: 0, Projects.Count: 0 },
            TimeSpan.FromSeconds(1),
            options.Timeout,
            "no VM and no project left in the simulator",
            cancellationToken);
        Result.DeletionSeconds = Seconds(DateTimeOffset.UtcNow - started);
        Result.DeletionCalls = CallCounts.Between(callsBefore, await cloud.Admin.GetCallsAsync(cancellationToken));
        Result.DeletionCpu = CpuMeter.Between(cpuBefore, _cpu.Read(restarted, cloud));
        Track(restarted);
    }

    /// <summary>Seconds from process start to /readyz 200 (every cache listed), polled every 20 ms.</summary>
    private async Task<double> StartupAsync(OperatorProcess started, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(
            async () => started.Process.HasExited ? throw new InvalidOperationException($"the operator exited:\n{started.Process.Tail()}") : await started.IsReadyAsync(cancellationToken),
            TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMinutes(5),
            "/readyz 200",
            cancellationToken);
        return Seconds(DateTimeOffset.UtcNow - started.Process.StartedAt);
    }

    /// <summary>Seconds from the cloud's `running` (its updated_at, when the step came due) to the watch seeing Ready=True.</summary>
    private static Distribution ReadyAfterRunning(SimulatorState state, IEnumerable<WatchedObject> watched)
    {
        var runningSince = state.Vms.Where(vm => vm.Status == "running").ToDictionary(vm => vm.Name, vm => vm.UpdatedAt, StringComparer.Ordinal);
        return Distribution.Of(watched
            .Where(o => o.ReadyAt is not null && runningSince.ContainsKey(o.Name))
            .Select(o => Seconds(o.ReadyAt!.Value - runningSince[o.Name])));
    }

    /// <summary>Per VM, seconds after the first create: cloud created, cloud running, Ready seen; for plots and for finding the slow ones.</summary>
    private async Task WriteTimelineAsync(DateTimeOffset started, SimulatorState state, ObjectWatch vms, CancellationToken cancellationToken)
    {
        var lines = state.Vms
            .OrderBy(vm => vm.CreatedAt)
            .Select(vm => string.Create(
                CultureInfo.InvariantCulture,
                $"{vm.Name},{Seconds(vm.CreatedAt - started)},{(vm.Status == "running" ? Seconds(vm.UpdatedAt - started) : double.NaN)},{(vms.Find(vm.Name)?.ReadyAt is { } at ? Seconds(at - started) : double.NaN)}"));
        await File.WriteAllLinesAsync(Path.Combine(logFolder, "timeline.csv"), ["vm,cloud_created_s,cloud_running_s,ready_seen_s", .. lines], cancellationToken);
    }

    private OperatorProcess StartOperator(SimulatorProcess cloud, string tokenFile, string log, bool naive)
    {
        // The run deletes its whole fleet on purpose (and measures it): the mass-deletion breaker would hold it.
        List<string> args = [$"--Operator:Refresh:Stable={options.Stable:c}", "--Operator:DeletionBreaker:MaxDeletes=0"];
        if (options.CloudRequestsPerSecond is double rps)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--NeevCloud:RateLimit:RequestsPerSecond={rps}"));
        }

        if (options.CloudBurst is int burst)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--NeevCloud:RateLimit:Burst={burst}"));
        }

        args.AddRange(options.OperatorArgs);
        if (naive)
        {
            // What is measured is what a GET per VM per refresh costs: neither its pass budget (200/s for VMs) nor
            // its workers (8, each waiting on one GET at a time) may cap it, or at 10,000 VMs it would refresh each
            // VM less often than Stable and look cheaper (with 8 workers it reached 11,000 of the 20,000 GETs/min).
            args.AddRange([
                "--Operator:Refresh:ListPerProject=false",
                "--Operator:VirtualMachines:PassesPerSecond=2000",
                "--Operator:VirtualMachines:PassBurst=2000",
                "--Operator:VirtualMachines:Workers=64",
            ]);
        }

        return OperatorProcess.Start(options.OperatorKubeconfig, cloud, tokenFile, Path.Combine(logFolder, log), args);
    }

    private async Task StopAsync(OperatorProcess process)
    {
        Track(process);
        await process.DisposeAsync();
    }

    private void Track(OperatorProcess process) =>
        Result.PeakRssMb = Math.Max(Result.PeakRssMb, Megabytes(process.Process.ReadStats()?.PeakRssBytes ?? 0));

    private void Log(string message) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} [{fleet} run {run}] {message}");

    /// <summary>
    /// The managed heap as the runtime measured it at its last collection (its System.Runtime meter, on /metrics):
    /// what survived, less fragmentation. Nothing is forced, so gen2 may still hold garbage: an upper bound.
    /// </summary>
    private static async Task<double?> HeapAfterLastGcMbAsync(OperatorProcess process, CancellationToken cancellationToken)
    {
        var metrics = await process.MetricsAsync(cancellationToken);
        var size = SumOf(metrics, "system_runtime_dotnet_gc_last_collection_heap_size{");
        var fragmentation = SumOf(metrics, "system_runtime_dotnet_gc_last_collection_heap_fragmentation_size{");
        return size > 0 ? Megabytes((long)(size - fragmentation)) : null;
    }

    private static double SumOf(string prometheusText, string seriesPrefix) =>
        prometheusText.Split('\n')
            .Where(line => line.StartsWith(seriesPrefix, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private static double Megabytes(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);
}
