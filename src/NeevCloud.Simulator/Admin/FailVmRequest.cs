namespace NeevCloud.Simulator.Admin;

/// <summary>Body of <c>POST /_sim/vms/{vm_id}/fail</c>.</summary>
internal sealed record FailVmRequest(string? Message);
