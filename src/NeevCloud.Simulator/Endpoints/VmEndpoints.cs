using Microsoft.AspNetCore.Mvc;
using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>The VM Service's seven VM operations. A vm_id that is not a UUID is a 400, as the contract's format says.</summary>
internal static class VmEndpoints
{
    public static void Map(IEndpointRouteBuilder vm)
    {
        var vms = vm.MapGroup("/orgs/{org_id}/projects/{project_id}/vms");
        vms.MapGet("", List).WithMetadata(new ApiOperation(ApiOperations.ListVms));
        vms.MapPost("", CreateAsync).WithMetadata(new ApiOperation(ApiOperations.CreateVm));
        vms.MapGet("/{vm_id}", (HttpContext context, CloudState cloud) => Act(cloud.GetVm, context, StatusCodes.Status200OK))
            .WithMetadata(new ApiOperation(ApiOperations.GetVm));
        vms.MapDelete("/{vm_id}", (HttpContext context, CloudState cloud) => Act(cloud.DeleteVm, context, null))
            .WithMetadata(new ApiOperation(ApiOperations.DeleteVm));
        vms.MapPost("/{vm_id}/start", (HttpContext context, CloudState cloud) => Act(cloud.StartVm, context, StatusCodes.Status202Accepted))
            .WithMetadata(new ApiOperation(ApiOperations.StartVm));
        vms.MapPost("/{vm_id}/stop", (HttpContext context, CloudState cloud) => Act(cloud.StopVm, context, StatusCodes.Status202Accepted))
            .WithMetadata(new ApiOperation(ApiOperations.StopVm));
        vms.MapPost("/{vm_id}/restart", (HttpContext context, CloudState cloud) => Act(cloud.RestartVm, context, StatusCodes.Status202Accepted))
            .WithMetadata(new ApiOperation(ApiOperations.RestartVm));
    }

    private static IResult List(
        [FromRoute(Name = "org_id")] string organizationId, [FromRoute(Name = "project_id")] string projectId, HttpRequest request, CloudState cloud)
    {
        var page = PagingParser.Strict(request.Query);
        return page.Failure is { } failure ? ApiResults.Error(failure) : ApiResults.From(cloud.ListVms(organizationId, projectId, page.Value!));
    }

    private static async Task<IResult> CreateAsync(
        [FromRoute(Name = "org_id")] string organizationId, [FromRoute(Name = "project_id")] string projectId, HttpRequest request, CloudState cloud)
    {
        // A missing project is a 404 whatever the body says.
        if (cloud.FindProjectFailure(organizationId, projectId) is { } missing)
        {
            return ApiResults.Error(missing);
        }

        var body = await RequestBody.ReadAsync<CreateVmRequest>(request);
        if (body.Failure is { } unreadable)
        {
            return ApiResults.Error(unreadable);
        }

        var creation = VmRequestValidator.Validate(body.Value!);
        return creation.Failure is { } invalid
            ? ApiResults.Error(invalid)
            : ApiResults.From(cloud.CreateVm(organizationId, projectId, creation.Value!), StatusCodes.Status201Created);
    }

    /// <summary>Runs a single-VM operation; <paramref name="status"/> null answers 202 without a body (deleteVM).</summary>
    private static IResult Act(Func<string, string, Guid, Outcome<VmResponse>> action, HttpContext context, int? status)
    {
        var vmId = (string)context.GetRouteValue("vm_id")!;
        if (RouteIds.ParseUuid(vmId) is not Guid id)
        {
            return ApiResults.Error(Failure.BadRequest($"vm_id: '{vmId}' is not a UUID."));
        }

        var outcome = action((string)context.GetRouteValue("org_id")!, (string)context.GetRouteValue("project_id")!, id);
        return status is int answered ? ApiResults.From(outcome, answered) : ApiResults.AcceptedWithoutBody(outcome);
    }
}
