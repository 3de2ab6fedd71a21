"""The family's voice's URL spaces: each module is one namespace, mounted in config/urls.py.

Public (no account needed, open to family members too: family_portal/middleware.py OPEN_TO_ALL):
  /have-your-say/                 have_your_say   the way in, the complaint form
  /have-your-say/suggest/         suggest         the suggestion box
  /have-your-say/survey/          survey          answering a survey from its link
  /have-your-say/you-said-we-did/ you_said        what changed
  /have-your-say/how-we-handle-complaints/ procedure  the procedure, its flow chart, large print
The family's own pages:
  /my/have-your-say/              my_voice        the family's way in (signed-in family members)
Staff (complaints managers, and the named responsible person for what they are named on):
  /complaints/                    complaints
  /suggestions/                   suggestions
  /surveys/                       surveys
  /you-said-we-did/               changes
  /complaints-report/             complaints_report   the annual report
"""
