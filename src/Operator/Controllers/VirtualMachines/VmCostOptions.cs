namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>Configuration section "Operator:Expiry".</summary>
public sealed class VmCostOptions
{
    public const string SectionName = "Operator:Expiry";

    /// <summary>How long before spec.expiresAt a Warning event and the Ready message announce it.</summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromMinutes(30);
}
