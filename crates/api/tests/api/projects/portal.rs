//! The portal's projects: progress, the team switch, account managers, archived projects.

use crate::common::{status_of, TestApp};
use serde_json::{json, Value};
use shared_types::projects::{PortalProject, TeamMember};
use shared_types::StaffRole;

#[actix_web::test]
async fn progress_counts_done_milestones_or_follows_the_project_status() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    app.contact(&owner, &client, "ana@bluepeak.example").await;
    let site = app.project(&owner, &client, "Site").await;
    for status in ["approved", "published", "in_progress", "ready_for_review"] {
        app.milestone_with(
            &owner,
            &site,
            json!({"title": format!("M {status}"), "client_status": status}),
        )
        .await;
    }
    let done = app
        .project_with(
            &owner,
            json!({"client_id": client.id, "name": "Done", "client_status": "completed"}),
        )
        .await;
    let fresh = app.project(&owner, &client, "Fresh").await;

    let browser = app.sign_in("ana@bluepeak.example").await;
    let page: Value = browser
        .get(app.url("/portal/api/projects"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Fresh", "Done", "Site"],
        "most recently updated first"
    );
    let progress =
        |name: &str| items.iter().find(|i| i["name"] == name).unwrap()["progress"].clone();
    assert_eq!(
        progress("Site"),
        json!({"milestones_done": 2, "milestones_total": 4, "percent": 50})
    );
    assert_eq!(progress("Done")["percent"], 100);
    assert_eq!(progress("Fresh")["percent"], 0);

    let detail: PortalProject = browser
        .get(app.url(&format!("/portal/api/projects/{}", site.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail.milestones.len(), 4);
    assert_eq!(detail.milestones[0].title, "M approved");
    assert_eq!(detail.progress.percent, 50);

    let page: Value = browser
        .get(app.url("/portal/api/projects?limit=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let rest: Value = browser
        .get(app.url(&format!("/portal/api/projects?limit=2&cursor={cursor}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"][0]["name"], "Site");
    assert!(rest["next_cursor"].is_null());

    // Archived projects leave the portal.
    owner
        .post(&format!("/api/v1/projects/{}/archive", done.id), json!({}))
        .await
        .error_for_status()
        .unwrap();
    let res = browser
        .get(app.url(&format!("/portal/api/projects/{}", done.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let page: Value = browser
        .get(app.url("/portal/api/projects"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let _ = fresh;
}

#[actix_web::test]
async fn the_team_shows_only_when_the_client_allows_it_and_account_managers_always() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let pm = app
        .staff_member(&owner, "pm@acme.example", StaffRole::Member)
        .await;
    let dev = app
        .staff_member(&owner, "dev@acme.example", StaffRole::Member)
        .await;
    app.set_staff_phone(&pm.id, "+1 555 0100");
    let client = app.client(&owner, "Blue Peak").await;
    app.contact(&owner, &client, "ana@bluepeak.example").await;
    let project = app
        .project_with(
            &owner,
            json!({"client_id": client.id, "name": "Site", "manager_ids": [pm.id]}),
        )
        .await;
    app.task(&owner, &project, "Design", Some(&pm.id)).await;
    app.task(&owner, &project, "Build", Some(&dev.id)).await;
    app.task(&owner, &project, "Test", Some(&dev.id)).await;
    app.task(&owner, &project, "Unassigned", None).await;

    let browser = app.sign_in("ana@bluepeak.example").await;
    let url = app.url(&format!("/portal/api/projects/{}", project.id));
    let get = || async {
        let (status, body) = status_of(browser.get(&url).send().await.unwrap()).await;
        assert_eq!(status, 200, "{body}");
        body
    };
    let hidden = get().await;
    assert!(hidden["team"].is_null(), "{hidden}");
    assert!(!hidden.to_string().contains("pm@acme.example"));

    owner
        .patch(
            &format!("/api/v1/clients/{}", client.id),
            json!({"show_team_members": true}),
        )
        .await
        .error_for_status()
        .unwrap();
    let shown: PortalProject = serde_json::from_value(get().await).unwrap();
    let team = shown.team.expect("team shown");
    assert_eq!(
        team,
        vec![
            TeamMember {
                name: "Member".into(),
                email: "pm@acme.example".into(),
                phone: Some("+1 555 0100".into()),
                role_label: "Project manager".into(),
            },
            TeamMember {
                name: "Member".into(),
                email: "dev@acme.example".into(),
                phone: None,
                role_label: "Team".into(),
            },
        ],
        "managers first, each person once"
    );

    let team_url = app.url("/portal/api/team");
    let none: Vec<TeamMember> = browser
        .get(&team_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(none.is_empty());
    owner.set_account_managers(&client, &[&pm.id]).await;
    let managers: Vec<TeamMember> = browser
        .get(&team_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(managers.len(), 1);
    assert_eq!(managers[0].email, "pm@acme.example");
    assert_eq!(managers[0].role_label, "Account manager");
    let listed: Value = owner
        .get(&format!("/api/v1/clients/{}/managers", client.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!({"staff_ids": [pm.id]}));

    // Account managers must be staff of the same organization.
    let other = app.org("other").await;
    let res = owner
        .put(
            &format!("/api/v1/clients/{}/managers", client.id),
            json!({"staff_ids": [other.id]}),
        )
        .await;
    let (status, err) = status_of(res).await;
    assert_eq!(status, 422);
    assert!(err["error"]["fields"]["staff_ids"].is_string());
    assert_eq!(app.count("client_managers"), 1);
}
