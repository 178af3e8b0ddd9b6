"""The municipality's side: departments, hand-overs and answers, meetings."""
