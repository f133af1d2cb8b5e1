namespace NeevCloud.Simulator.Admin;

/// <summary>Body of <c>POST /_sim/vms/{vm_id}/status</c>: any status string, and optionally a message.</summary>
internal sealed record VmStatusRequest(string? Status, string? Message);
