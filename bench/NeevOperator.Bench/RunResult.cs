namespace NeevOperator.Bench;

/// <summary>The figures of one repetition of one case; filled phase by phase (seconds, MB, calls).</summary>
internal sealed class RunResult
{
    public int Run { get; init; }

    public int Vms { get; init; }

    // Scale: create everything, wait until all Ready.
    public double CreateSeconds { get; set; }

    public double AllReadySeconds { get; set; }

    /// <summary>Seconds from the cloud's `running` (its updated_at) to the watch seeing Ready=True, per VM.</summary>
    public Distribution? ReadyAfterRunning { get; set; }

    public Dictionary<string, long> CreationCalls { get; set; } = [];

    public double CreationCallsPerVm { get; set; }

    /// <summary>The operator's Kubernetes requests during creation, from the audit log ("verb resource").</summary>
    public Dictionary<string, long> CreationRequests { get; set; } = [];

    public double? CreationWritesPerVm { get; set; }

    /// <summary>MODIFIED watch events per VM until all were Ready (every write to it, by anyone).</summary>
    public Distribution? ModifiedPerVm { get; set; }

    public double? ReconcilesPerVm { get; set; }

    /// <summary>CPU seconds during creation of the operator, the simulator, the API server and etcd.</summary>
    public Dictionary<string, double> CreationCpu { get; set; } = [];

    // Steady state, all Ready, nothing changing.
    public Dictionary<string, double> SteadyCallsPerMinute { get; set; } = [];

    public double SteadyTotalPerMinute { get; set; }

    public double? SteadyWritesPerMinute { get; set; }

    /// <summary>CPU seconds per minute in the steady state, by process.</summary>
    public Dictionary<string, double> SteadyCpuPerMinute { get; set; } = [];

    /// <summary>The same latency for VMs added to the settled fleet (no flood of creates around them).</summary>
    public Distribution? AddedReadyAfterRunning { get; set; }

    public Dictionary<string, double>? BaselineCallsPerMinute { get; set; }

    public double? BaselineTotalPerMinute { get; set; }

    public double? BaselineRatio { get; set; }

    /// <summary>The baseline operator's CPU seconds per minute in the same steady state, by process.</summary>
    public Dictionary<string, double>? BaselineCpuPerMinute { get; set; }

    /// <summary>The operator's managed heap after its last GC (all generations, less fragmentation), MB: started with nothing.</summary>
    public double? HeapIdleMb { get; set; }

    /// <summary>The same at the end of the steady-state window, with every VM Ready.</summary>
    public double? HeapSteadyMb { get; set; }

    /// <summary>(steady − idle) per VM, KB; an upper bound of what a VM costs, since gen2 keeps garbage until its next collection.</summary>
    public double? HeapPerVmKb { get; set; }

    // Start-up with every object present.
    public double StartupSeconds { get; set; }

    public double? BaselineStartupSeconds { get; set; }

    public double RssAfterStartupMb { get; set; }

    // Deletion of everything.
    public double DeletionSeconds { get; set; }

    public Dictionary<string, long> DeletionCalls { get; set; } = [];

    public Dictionary<string, double> DeletionCpu { get; set; } = [];

    /// <summary>The highest VmHWM of the operator's processes (LIST per project: creation, steady state, restart, deletion).</summary>
    public double PeakRssMb { get; set; }

    /// <summary>The same of the baseline operator (GET per VM), over its steady-state window.</summary>
    public double? BaselinePeakRssMb { get; set; }

    public string LogFolder { get; set; } = "";
}
