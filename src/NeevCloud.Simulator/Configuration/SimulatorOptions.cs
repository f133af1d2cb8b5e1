namespace NeevCloud.Simulator;

/// <summary>
/// Settings of the simulator, bound from the configuration section <c>Simulator</c> when it runs standalone and
/// passed to <see cref="SimulatorHost.StartAsync"/> when it is hosted in-process. Every value has a default, so an
/// empty section gives a working simulator.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The one bearer token the APIs accept (and that login returns); <see cref="SimulatorDefaults.Token"/> when empty.</summary>
    public string? Token { get; set; }

    /// <summary>The console e-mail that <c>POST /tenant/api/v1/auth/login</c> accepts.</summary>
    public string Email { get; set; } = SimulatorDefaults.Email;

    /// <summary>The password that goes with <see cref="Email"/>.</summary>
    public string Password { get; set; } = SimulatorDefaults.Password;

    /// <summary>
    /// How long a VM or disk stays in each transitional status (pending, provisioning, starting, stopping,
    /// restarting, deleting). A new VM is running after three steps.
    /// </summary>
    public TimeSpan StepDuration { get; set; } = SimulatorDefaults.StepDuration;

    /// <summary>How long a deleted VM is still returned (status <c>deleted</c>) before it answers 404; zero removes it at once.</summary>
    public TimeSpan DeletedVmRetention { get; set; } = SimulatorDefaults.DeletedVmRetention;

    /// <summary>At most this many projects per organization; creating one more answers 400.</summary>
    public int MaxProjectsPerOrganization { get; set; } = SimulatorDefaults.MaxProjectsPerOrganization;

    /// <summary>At most this many VMs (not yet deleted) per project; creating one more answers 400.</summary>
    public int MaxVmsPerProject { get; set; } = SimulatorDefaults.MaxVmsPerProject;

    /// <summary>
    /// How a fault rule's lost response reaches the client: false (default) answers 502 after the request was executed
    /// (counted under 502); true aborts the connection instead, so the client sees no answer at all (counted under 0).
    /// </summary>
    public bool LostResponseAbortsConnection { get; set; }

    /// <summary>Seeds the ids the simulator mints and the fault dice; random when not set.</summary>
    public int? Seed { get; set; }

    /// <summary>The organizations, regions, VM configurations, plans and images that exist.</summary>
    public SimulatorCatalogOptions Catalog { get; set; } = new();

    /// <summary>Fault rules active from start-up (the admin API can replace them at run time).</summary>
    public SimulatorFaults Faults { get; set; } = new();

    /// <summary>The token in effect: <see cref="Token"/>, or the documented development token.</summary>
    /// <summary>Projects (with root disks) that exist from start-up and again after a reset.</summary>
    public IList<SimulatorFixtureProject> Fixtures { get; set; } = [];

    public string EffectiveToken => string.IsNullOrWhiteSpace(Token) ? SimulatorDefaults.Token : Token;
}
