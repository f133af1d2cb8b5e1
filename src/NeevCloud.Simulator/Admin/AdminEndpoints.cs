using Microsoft.AspNetCore.Mvc;
using NeevCloud.Simulator.Calls;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Endpoints;
using NeevCloud.Simulator.Faults;

namespace NeevCloud.Simulator.Admin;

/// <summary>The <c>/_sim</c> admin API: catalog, call counts, reset, faults, out-of-band changes and a state dump.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sim").AddEndpointFilter<LoopbackOnlyFilter>();
        admin.MapGet("/health", () => ApiResults.Json(new { status = "ok" }));
        admin.MapGet("/catalog", (CloudState cloud) => ApiResults.Json(new SimulatorCatalog(
            cloud.Catalog.Organizations, cloud.Catalog.Regions, cloud.Catalog.VmConfigs, cloud.Catalog.Plans, cloud.Catalog.Images)));
        admin.MapGet("/calls", (CallCounter calls) => ApiResults.Json(calls.Snapshot()));
        admin.MapPost("/reset", Reset);
        admin.MapGet("/faults", (FaultInjector faults) => ApiResults.Json(new
        {
            rules = faults.Snapshot().Select(r => new
            {
                r.Rule.Operation,
                r.Rule.Probability,
                r.Rule.Status,
                r.Rule.RetryAfterSeconds,
                r.Rule.LatencyMs,
                r.Rule.LostResponse,
                r.Rule.CommitAfterMs,
                r.Rule.MaxCount,
                r.Fired,
            }),
        }));
        admin.MapPut("/faults", SetFaultsAsync);
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/state", (CloudState cloud) => ApiResults.Json(cloud.GetState()));
        admin.MapPost("/vms/{vm_id}/fail", FailVmAsync);
        admin.MapPost("/vms/{vm_id}/stop", ([FromRoute(Name = "vm_id")] string vmId, CloudState cloud) =>
            WithVmId(vmId, id => cloud.StopVmOutOfBand(id)));
        admin.MapPost("/vms/{vm_id}/status", SetVmStatusAsync);
        admin.MapDelete("/vms/{vm_id}", ([FromRoute(Name = "vm_id")] string vmId, bool? purge, CloudState cloud) =>
            WithVmId(vmId, id => cloud.DeleteVmOutOfBand(id, purge == true)));
        admin.MapPut("/projects/{project_id}/counts", SetProjectCountsAsync);
        admin.MapPut("/projects/{project_id}/status", SetProjectStatusAsync);
    }

    private static IResult Reset(CloudState cloud, CallCounter calls, FaultInjector faults)
    {
        cloud.Reset();
        calls.Clear();
        faults.Clear();
        return Results.NoContent();
    }

    private static async Task<IResult> SetFaultsAsync(HttpRequest request, FaultInjector faults)
    {
        var body = await RequestBody.ReadAsync<SimulatorFaults>(request);
        if (body.Failure is { } unreadable)
        {
            return ApiResults.Error(unreadable);
        }

        var problems = FaultRuleValidator.Validate(body.Value);
        if (problems.Count > 0)
        {
            return ApiResults.Error(Failure.BadRequest(string.Join("; ", problems)));
        }

        faults.Replace(body.Value);
        return Results.NoContent();
    }

    private static async Task<IResult> FailVmAsync([FromRoute(Name = "vm_id")] string vmId, HttpRequest request, CloudState cloud)
    {
        var body = await RequestBody.ReadAsync<FailVmRequest>(request);
        return body.Failure is { } unreadable
            ? ApiResults.Error(unreadable)
            : WithVmId(vmId, id => cloud.FailVm(id, string.IsNullOrWhiteSpace(body.Value!.Message) ? "Simulated failure" : body.Value.Message));
    }

    private static async Task<IResult> SetVmStatusAsync([FromRoute(Name = "vm_id")] string vmId, HttpRequest request, CloudState cloud)
    {
        var body = await RequestBody.ReadAsync<VmStatusRequest>(request);
        if (body.Failure is { } unreadable)
        {
            return ApiResults.Error(unreadable);
        }

        return string.IsNullOrWhiteSpace(body.Value!.Status)
            ? ApiResults.Error(Failure.BadRequest("status is required."))
            : WithVmId(vmId, id => cloud.ForceVmStatus(id, body.Value.Status, body.Value.Message));
    }

    private static async Task<IResult> SetProjectCountsAsync([FromRoute(Name = "project_id")] string projectId, HttpRequest request, CloudState cloud)
    {
        var body = await RequestBody.ReadAsync<ProjectCountsRequest>(request);
        return body.Failure is { } unreadable
            ? ApiResults.Error(unreadable)
            : ApiResults.From(cloud.SetProjectCounts(projectId, body.Value!.ApiKeys, body.Value.Airuntimes, body.Value.StorageVolumes));
    }

    private static async Task<IResult> SetProjectStatusAsync([FromRoute(Name = "project_id")] string projectId, HttpRequest request, CloudState cloud)
    {
        var body = await RequestBody.ReadAsync<ProjectStatusRequest>(request);
        return body.Failure is { } unreadable
            ? ApiResults.Error(unreadable)
            : ApiResults.From(cloud.SetProjectStatus(projectId, body.Value!.Status ?? string.Empty));
    }

    private static IResult WithVmId(string vmId, Func<Guid, Outcome<SimulatorVmState>> act) =>
        RouteIds.ParseUuid(vmId) is Guid id ? ApiResults.From(act(id)) : ApiResults.Error(Failure.NotFound($"VM {vmId} was not found."));
}
