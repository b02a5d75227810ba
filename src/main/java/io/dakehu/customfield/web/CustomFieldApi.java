package io.dakehu.customfield.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.dakehu.customfield.CustomFieldInput;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.Users;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Custom field definitions over the API: everyone may read them (a client writing
 * {@code customFields} needs the keys, types and options); administrators define and
 * change them.
 */
@RestController
@RequestMapping("/api/v1/custom-fields")
class CustomFieldApi {

	private final CustomFields fields;

	private final Users users;

	CustomFieldApi(CustomFields fields, Users users) {
		this.fields = fields;
		this.users = users;
	}

	/**
	 * @param recordType only this record type's fields; every type's when absent
	 */
	@GetMapping
	List<CustomFieldJson> list(@RequestParam(required = false) RecordType recordType) {
		this.users.current();
		List<RecordType> types = (recordType != null) ? List.of(recordType) : Arrays.asList(RecordType.values());
		return types.stream().flatMap((type) -> this.fields.all(type).stream()).map(CustomFieldJson::of).toList();
	}

	@GetMapping("/{id}")
	CustomFieldJson get(@PathVariable long id) {
		this.users.current();
		return CustomFieldJson.of(this.fields.find(id));
	}

	@PostMapping
	ResponseEntity<CustomFieldJson> create(@RequestBody CustomFieldInput input) {
		CustomFieldJson created = CustomFieldJson.of(this.fields.define(this.users.current(), input));
		return ResponseEntity.created(URI.create("/api/v1/custom-fields/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	CustomFieldJson update(@PathVariable long id, @RequestBody CustomFieldInput input) {
		return CustomFieldJson.of(this.fields.change(this.users.current(), id, input));
	}

}
