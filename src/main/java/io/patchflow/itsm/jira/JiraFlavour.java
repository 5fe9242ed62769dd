package io.patchflow.itsm.jira;

/**
 * Which Jira Patchflow talks to. Cloud: REST v3, texts in Atlassian Document Format, basic auth with an account's
 * e-mail and API token. Data Center: REST v2, texts in wiki markup, a personal access token as bearer.
 */
enum JiraFlavour {
    CLOUD("3"), DATA_CENTER("2");

    private final String apiVersion;

    JiraFlavour(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    String apiPath() {
        return "/rest/api/" + apiVersion;
    }
}
