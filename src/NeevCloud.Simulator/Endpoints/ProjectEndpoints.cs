using Microsoft.AspNetCore.Mvc;
using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>The Tenant API's five project operations.</summary>
internal static class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder tenant)
    {
        var projects = tenant.MapGroup("/orgs/{org_id}/projects");
        projects.MapGet("", List).WithMetadata(new ApiOperation(ApiOperations.ListProjects));
        projects.MapPost("", CreateAsync).WithMetadata(new ApiOperation(ApiOperations.CreateProject));
        projects.MapGet("/{project_id}", Get).WithMetadata(new ApiOperation(ApiOperations.GetProject));
        projects.MapPatch("/{project_id}", UpdateAsync).WithMetadata(new ApiOperation(ApiOperations.UpdateProject));
        projects.MapDelete("/{project_id}", Delete).WithMetadata(new ApiOperation(ApiOperations.DeleteProject));
    }

    private static IResult List([FromRoute(Name = "org_id")] string organizationId, HttpRequest request, CloudState cloud)
    {
        var page = PagingParser.Strict(request.Query);
        return page.Failure is { } failure
            ? ApiResults.Error(failure)
            : ApiResults.From(cloud.ListProjects(organizationId, page.Value!, request.Query["search"].ToString()));
    }

    private static async Task<IResult> CreateAsync([FromRoute(Name = "org_id")] string organizationId, HttpRequest request, CloudState cloud)
    {
        // An unknown organization is a 404 whatever the body says.
        if (!cloud.Catalog.HasOrganization(organizationId))
        {
            return ApiResults.Error(CloudState.OrganizationNotFound(organizationId));
        }

        var body = await RequestBody.ReadAsync<ProjectRequest>(request);
        var failure = body.Failure ?? ProjectRequestValidator.ValidateCreate(body.Value!);
        return failure is not null
            ? ApiResults.Error(failure)
            : ApiResults.From(cloud.CreateProject(organizationId, body.Value!.Name!, body.Value.Description), StatusCodes.Status201Created);
    }

    private static IResult Get(
        [FromRoute(Name = "org_id")] string organizationId, [FromRoute(Name = "project_id")] string projectId, CloudState cloud) =>
        ApiResults.From(cloud.GetProject(organizationId, projectId));

    private static async Task<IResult> UpdateAsync(
        [FromRoute(Name = "org_id")] string organizationId,
        [FromRoute(Name = "project_id")] string projectId,
        HttpRequest request,
        CloudState cloud)
    {
        // A missing project is a 404 whatever the body says.
        if (cloud.FindProjectFailure(organizationId, projectId) is { } missing)
        {
            return ApiResults.Error(missing);
        }

        var body = await RequestBody.ReadAsync<ProjectUpdateRequest>(request);
        var failure = body.Failure ?? ProjectRequestValidator.ValidateUpdate(body.Value!);
        return failure is not null
            ? ApiResults.Error(failure)
            : ApiResults.From(cloud.UpdateProject(organizationId, projectId, body.Value!.Name, body.Value.Description));
    }

    private static IResult Delete(
        [FromRoute(Name = "org_id")] string organizationId, [FromRoute(Name = "project_id")] string projectId, CloudState cloud) =>
        ApiResults.From(cloud.DeleteProject(organizationId, projectId));
}
