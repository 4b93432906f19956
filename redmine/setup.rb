# Redmine set-up for the case widget's tests: the projects its case types map to, the issue
# custom fields it fills, and a "portal" user whose API key a customer portal would hold.
# Run by scripts/redmine.sh with `bin/rails runner` once the schema and Redmine's default data
# (trackers, statuses, priorities, roles) are in; it fails loudly unless every id below is the
# fixed one a wire profile can name. Writes CASE_WIDGET_REDMINE_DIR/api-key and ids.json.
require 'json'

dir = ENV.fetch('CASE_WIDGET_REDMINE_DIR')

TRACKERS = { 'Bug' => 1, 'Feature' => 2, 'Support' => 3 }.freeze
PRIORITIES = { 'Low' => 1, 'Normal' => 2, 'High' => 3, 'Urgent' => 4, 'Immediate' => 5 }.freeze
STATUSES = { 'New' => 1, 'In Progress' => 2, 'Resolved' => 3, 'Feedback' => 4, 'Closed' => 5,
             'Rejected' => 6 }.freeze
ROLES = { 'Manager' => 3, 'Developer' => 4, 'Reporter' => 5 }.freeze
PROJECTS = { 'support' => ['Support', 1], 'billing' => ['Billing', 2] }.freeze
# Order matters: the ids are 1..N in this order.
FIELDS = [
  'Service', 'Category', 'Severity', 'Contact method', 'Contact language', 'Portal locale',
  'Phone', 'Phone E.164', 'Account', 'Account name', 'Customer may see', 'Region', 'Limit',
  'New value', 'Instance ID', 'Bucket', 'Invoice number', 'Restore to', 'Function name',
  'Config ID', 'Hostname', 'Reference', 'Started', 'Zone'
].freeze
LISTS = { 'Customer may see' => %w[Yes No] }.freeze

ActiveRecord::Base.transaction do
  Setting.rest_api_enabled = '1'
  # Redmine's default, stated in public/profiles/redmine5.json: it takes the catalogs' 5 MB files.
  Setting.attachment_max_size = '5120'

  trackers = Tracker.where(id: TRACKERS.values).to_a
  fields = FIELDS.map do |name|
    list = LISTS[name]
    IssueCustomField.create!(
      name: name, field_format: list ? 'list' : 'string', possible_values: list,
      is_for_all: true, visible: true, is_required: false, trackers: trackers
    )
  end

  PROJECTS.each do |identifier, (name, _)|
    project = Project.new(name: name, identifier: identifier, is_public: false)
    project.trackers = trackers
    project.issue_custom_fields = fields
    project.enabled_module_names = ['issue_tracking']
    project.save!
  end

  # The portal files cases as itself: a Reporter (add issues, upload, see its issues) in both
  # projects, not an administrator.
  portal = User.new(firstname: 'Customer', lastname: 'portal', mail: 'portal@example.com',
                    language: 'en')
  portal.login = 'portal'
  portal.password = portal.password_confirmation = SecureRandom.hex(16)
  portal.save!
  reporter = Role.find(ROLES['Reporter'])
  Project.where(identifier: PROJECTS.keys).each do |project|
    Member.new(project: project, principal: portal, role_ids: [reporter.id]).save!
  end
end

def expect_ids(what, expected, actual)
  return if expected == actual

  abort "redmine setup: #{what} ids are #{actual.inspect}, expected #{expected.inspect}"
end

expect_ids('tracker', TRACKERS, Tracker.where(name: TRACKERS.keys).pluck(:name, :id).to_h)
expect_ids('priority', PRIORITIES,
           IssuePriority.where(name: PRIORITIES.keys).pluck(:name, :id).to_h)
expect_ids('status', STATUSES, IssueStatus.where(name: STATUSES.keys).pluck(:name, :id).to_h)
expect_ids('role', ROLES, Role.where(name: ROLES.keys).pluck(:name, :id).to_h)
expect_ids('project', PROJECTS.transform_values(&:last),
           Project.where(identifier: PROJECTS.keys).pluck(:identifier, :id).to_h)
expect_ids('custom field', FIELDS.each_with_index.to_h { |name, i| [name, i + 1] },
           IssueCustomField.where(name: FIELDS).pluck(:name, :id).to_h)
abort 'redmine setup: REST API is off' unless Setting.rest_api_enabled?

portal = User.find_by_login('portal')
key = portal.api_key # creates the 'api' token on first use
abort 'redmine setup: no API key' unless key.present? && User.find_by_api_key(key) == portal

File.write(File.join(dir, 'ids.json'), JSON.pretty_generate(
  'custom_fields' => IssueCustomField.order(:id).pluck(:name, :id).to_h,
  'projects' => Project.order(:id).pluck(:identifier, :id).to_h,
  'trackers' => TRACKERS, 'priorities' => PRIORITIES, 'statuses' => STATUSES,
  'portal_user' => portal.id
) + "\n")
File.write(File.join(dir, 'api-key'), key)
puts "redmine setup: #{FIELDS.size} custom fields, projects #{PROJECTS.keys.join(', ')}, " \
     "portal user #{portal.id}"
